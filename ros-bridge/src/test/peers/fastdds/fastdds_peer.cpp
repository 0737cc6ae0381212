/*
 * The Fast DDS 2.9 side of the bridge's interop tests, with fastddsgen types carrying ROS names. Same line
 * protocol and deterministic content as cyclone_peer:
 *   send-joint-state TOPIC JOINTS | send-image TOPIC WIDTH HEIGHT | recv-float64-multi-array TOPIC
 *   | recv-joint-trajectory TOPIC
 * The participant is created from the profile "loopback_only" in the XML file named by FASTDDS_LOOPBACK_PROFILE,
 * and the peer refuses to run unless that file confines it to 127.0.0.1.
 */
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include <fastdds/dds/domain/DomainParticipant.hpp>
#include <fastdds/dds/domain/DomainParticipantFactory.hpp>
#include <fastdds/dds/publisher/DataWriter.hpp>
#include <fastdds/dds/publisher/Publisher.hpp>
#include <fastdds/dds/publisher/qos/DataWriterQos.hpp>
#include <fastdds/dds/subscriber/DataReader.hpp>
#include <fastdds/dds/subscriber/SampleInfo.hpp>
#include <fastdds/dds/subscriber/Subscriber.hpp>
#include <fastdds/dds/subscriber/qos/DataReaderQos.hpp>
#include <fastdds/dds/topic/TypeSupport.hpp>

#include "ros_msgsPubSubTypes.h"

using namespace eprosima::fastdds::dds;
namespace sm = sensor_msgs::msg::dds_;
namespace stdm = std_msgs::msg::dds_;
namespace tm_ = trajectory_msgs::msg::dds_;

static const int TIMEOUT_MS = 20000;

[[noreturn]] static void die(const std::string &why)
{
    std::cerr << "fastdds_peer: " << why << std::endl;
    std::exit(2);
}

static void say(const std::string &line)
{
    std::cout << line << std::endl;
}

static std::string bits(double v)
{
    uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016" PRIx64, b);
    return buf;
}

static DomainParticipant *participant()
{
    const char *profile = std::getenv("FASTDDS_LOOPBACK_PROFILE");
    if (profile == nullptr)
        die("FASTDDS_LOOPBACK_PROFILE must name the loopback-only XML profile");
    std::ifstream in(profile);
    std::stringstream text;
    text << in.rdbuf();
    std::string xml = text.str();
    if (xml.find("<interfaceWhiteList>") == std::string::npos || xml.find("<address>127.0.0.1</address>") == std::string::npos
            || xml.find("<useBuiltinTransports>false</useBuiltinTransports>") == std::string::npos)
        die(std::string("profile ") + profile + " does not confine the participant to 127.0.0.1");
    const char *id = std::getenv("ROS_DOMAIN_ID");
    if (id == nullptr)
        die("ROS_DOMAIN_ID is not set");
    auto *factory = DomainParticipantFactory::get_instance();
    if (factory->load_XML_profiles_file(profile) != ReturnCode_t::RETCODE_OK)
        die(std::string("cannot load ") + profile);
    DomainParticipant *pp = factory->create_participant_with_profile(static_cast<DomainId_t>(std::atoi(id)), "loopback_only");
    if (pp == nullptr)
        die("create_participant_with_profile(loopback_only) failed");
    return pp;
}

static DataWriterQos writer_qos()
{
    DataWriterQos q = DATAWRITER_QOS_DEFAULT;
    q.reliability().kind = RELIABLE_RELIABILITY_QOS;
    q.durability().kind = VOLATILE_DURABILITY_QOS;
    q.history().kind = KEEP_LAST_HISTORY_QOS;
    q.history().depth = 10;
    q.publish_mode().kind = ASYNCHRONOUS_PUBLISH_MODE; // large samples are fragmented by the async thread
    return q;
}

static DataReaderQos reader_qos()
{
    DataReaderQos q = DATAREADER_QOS_DEFAULT;
    q.reliability().kind = RELIABLE_RELIABILITY_QOS;
    q.durability().kind = VOLATILE_DURABILITY_QOS;
    q.history().kind = KEEP_LAST_HISTORY_QOS;
    q.history().depth = 10;
    return q;
}

static bool wait_until(const std::function<bool()> &cond)
{
    for (int waited = 0; waited < TIMEOUT_MS; waited += 5)
    {
        if (cond())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return cond();
}

template <class PubSubT, class MsgT>
static int send_one(DomainParticipant *pp, const std::string &topic_name, MsgT &msg)
{
    TypeSupport type(new PubSubT());
    type.register_type(pp);
    Topic *topic = pp->create_topic(topic_name, type.get_type_name(), TOPIC_QOS_DEFAULT);
    Publisher *pub = pp->create_publisher(PUBLISHER_QOS_DEFAULT);
    DataWriter *w = pub->create_datawriter(topic, writer_qos());
    if (topic == nullptr || w == nullptr)
        die("cannot create writer on " + topic_name);
    if (!wait_until([w] { PublicationMatchedStatus st; w->get_publication_matched_status(st); return st.current_count > 0; }))
        die("no reader matched " + topic_name);
    say("matched");
    std::string line;
    if (!std::getline(std::cin, line) || line != "go")
        die("expected 'go' on stdin");
    if (!w->write(&msg))
        die("write failed");
    say("sent");
    while (std::getline(std::cin, line) && line != "quit")
    {
    }
    pp->delete_contained_entities();
    return 0;
}

template <class PubSubT, class MsgT>
static MsgT take_first(DomainParticipant *pp, const std::string &topic_name)
{
    TypeSupport type(new PubSubT());
    type.register_type(pp);
    Topic *topic = pp->create_topic(topic_name, type.get_type_name(), TOPIC_QOS_DEFAULT);
    Subscriber *sub = pp->create_subscriber(SUBSCRIBER_QOS_DEFAULT);
    DataReader *r = sub->create_datareader(topic, reader_qos());
    if (topic == nullptr || r == nullptr)
        die("cannot create reader on " + topic_name);
    if (!wait_until([r] { SubscriptionMatchedStatus st; r->get_subscription_matched_status(st); return st.current_count > 0; }))
        die("no writer matched " + topic_name);
    say("matched");
    MsgT msg;
    SampleInfo info;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(TIMEOUT_MS);
    while (std::chrono::steady_clock::now() < deadline)
    {
        if (r->wait_for_unread_message(eprosima::fastrtps::Duration_t(1, 0))
                && r->take_next_sample(&msg, &info) == ReturnCode_t::RETCODE_OK && info.valid_data)
            return msg;
    }
    die("no sample on " + topic_name);
}

static void print_doubles(const std::string &prefix, const std::vector<double> &v)
{
    std::cout << prefix << "_count=" << v.size() << "\n";
    for (size_t i = 0; i < v.size(); i++)
        std::cout << prefix << "[" << i << "]=" << bits(v[i]) << "\n";
}

int main(int argc, char **argv)
{
    if (argc < 3)
        die("usage: fastdds_peer MODE TOPIC [ARGS...]");
    std::string mode = argv[1], topic = argv[2];
    DomainParticipant *pp = participant();
    int rc = 0;
    if (mode == "send-joint-state" && argc == 4)
    {
        int joints = std::atoi(argv[3]);
        sm::JointState_ m;
        m.header().stamp().sec(1700000000);
        m.header().stamp().nanosec(123456789u);
        m.header().frame_id("peer_base");
        for (int i = 0; i < joints; i++)
        {
            m.name().push_back("joint_" + std::to_string(i));
            m.position().push_back((i + 1) * 0.125 - 1.0);
            m.velocity().push_back(-0.5 * i);
            m.effort().push_back(0.25 * i * i);
        }
        rc = send_one<sm::JointState_PubSubType>(pp, topic, m);
    }
    else if (mode == "send-image" && argc == 5)
    {
        uint32_t w = static_cast<uint32_t>(std::atoi(argv[3])), h = static_cast<uint32_t>(std::atoi(argv[4]));
        sm::Image_ m;
        m.header().stamp().sec(1700000100);
        m.header().stamp().nanosec(5000u);
        m.header().frame_id("camera_optical");
        m.height(h);
        m.width(w);
        m.encoding("rgb8");
        m.is_bigendian(0);
        m.step(w * 3u);
        uint32_t n = w * 3u * h;
        m.data().resize(n);
        for (uint32_t k = 0; k < n; k++)
            m.data()[k] = static_cast<uint8_t>((k * 31u + (k >> 11)) & 0xffu);
        rc = send_one<sm::Image_PubSubType>(pp, topic, m);
    }
    else if (mode == "recv-float64-multi-array" && argc == 3)
    {
        stdm::Float64MultiArray_ m = take_first<stdm::Float64MultiArray_PubSubType, stdm::Float64MultiArray_>(pp, topic);
        std::cout << "layout.dim_count=" << m.layout().dim().size() << "\n";
        for (size_t i = 0; i < m.layout().dim().size(); i++)
        {
            const auto &d = m.layout().dim()[i];
            std::cout << "layout.dim[" << i << "].label=" << d.label() << "\n";
            std::cout << "layout.dim[" << i << "].size=" << d.size() << "\n";
            std::cout << "layout.dim[" << i << "].stride=" << d.stride() << "\n";
        }
        std::cout << "layout.data_offset=" << m.layout().data_offset() << "\n";
        print_doubles("data", m.data());
        say("end");
    }
    else if (mode == "recv-joint-trajectory" && argc == 3)
    {
        tm_::JointTrajectory_ m = take_first<tm_::JointTrajectory_PubSubType, tm_::JointTrajectory_>(pp, topic);
        std::cout << "header.stamp.sec=" << m.header().stamp().sec() << "\n";
        std::cout << "header.stamp.nanosec=" << m.header().stamp().nanosec() << "\n";
        std::cout << "header.frame_id=" << m.header().frame_id() << "\n";
        std::cout << "joint_names_count=" << m.joint_names().size() << "\n";
        for (size_t i = 0; i < m.joint_names().size(); i++)
            std::cout << "joint_names[" << i << "]=" << m.joint_names()[i] << "\n";
        std::cout << "points_count=" << m.points().size() << "\n";
        for (size_t i = 0; i < m.points().size(); i++)
        {
            const auto &p = m.points()[i];
            std::string pre = "points[" + std::to_string(i) + "].";
            print_doubles(pre + "positions", p.positions());
            print_doubles(pre + "velocities", p.velocities());
            print_doubles(pre + "accelerations", p.accelerations());
            print_doubles(pre + "effort", p.effort());
            std::cout << pre << "time_from_start.sec=" << p.time_from_start().sec() << "\n";
            std::cout << pre << "time_from_start.nanosec=" << p.time_from_start().nanosec() << "\n";
        }
        say("end");
    }
    else
    {
        die("unknown mode or wrong arguments: " + mode);
    }
    pp->delete_contained_entities();
    DomainParticipantFactory::get_instance()->delete_participant(pp);
    return rc;
}

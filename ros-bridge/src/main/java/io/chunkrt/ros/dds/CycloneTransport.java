package io.chunkrt.ros.dds;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.dds.ffi.CycloneDds;
import io.chunkrt.ros.dds.ffi.DdsQos;
import io.chunkrt.ros.dds.ffi.NativeWaitSet;
import io.chunkrt.ros.dds.ffi.NativeWriter;
import io.chunkrt.ros.msg.Gid;
import io.chunkrt.ros.msg.NodeEntitiesInfoMessage;
import io.chunkrt.ros.msg.ParticipantEntitiesInfoCodec;
import io.chunkrt.ros.msg.ParticipantEntitiesInfoMessage;
import io.chunkrt.ros.msg.RosMessageType;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosNames;
import io.chunkrt.ros.transport.RosPublisher;
import io.chunkrt.ros.transport.RosSubscription;
import io.chunkrt.ros.transport.RosTransport;
import io.chunkrt.ros.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ROS 2 node over Eclipse Cyclone DDS, the library under rmw_cyclonedds_cpp: one participant with
 * {@code enclave=/;} in its USER_DATA, topics {@code rt/<name>} with ROS type names, raw CDR in both
 * directions, and the node's entities announced on {@code ros_discovery_info} so {@code ros2 node list}
 * shows it. On Jazzy every endpoint carries its type hash in USER_DATA.
 */
public final class CycloneTransport implements RosTransport {
    private static final Logger LOG = LoggerFactory.getLogger(CycloneTransport.class);
    private static final long MAX_BLOCKING_NS = 100_000_000L;
    private static final String GRAPH_TOPIC = "ros_discovery_info";

    private final DdsSettings settings;
    private final NodeIdentity node;
    private final List<RosNames.Remap> remaps;
    private final int participant;
    private final Gid participantGid;
    private final Map<String, CycloneDds.Topic> topics = new HashMap<>();
    private final List<CyclonePublisher> publishers = new ArrayList<>();
    private final List<CycloneSubscription> subscriptions = new ArrayList<>();
    private final NativeWriter graphWriter;
    private final ParticipantEntitiesInfoCodec graphCodec;
    private boolean closed;

    private CycloneTransport(DdsSettings settings, NodeIdentity node, List<RosNames.Remap> remaps) {
        this.settings = settings;
        this.node = node;
        this.remaps = List.copyOf(remaps);
        this.graphCodec = ParticipantEntitiesInfoCodec.forDistro(settings.distro());
        CycloneDds.acquireDomain(settings.domainId(), settings.configXml());
        int pp;
        try (DdsQos qos = new DdsQos()) {
            qos.userData(("enclave=" + settings.enclave() + ";").getBytes(StandardCharsets.UTF_8));
            pp = CycloneDds.createParticipant(settings.domainId(), qos);
        } catch (RuntimeException e) {
            CycloneDds.releaseDomain(settings.domainId());
            throw e;
        }
        this.participant = pp;
        try {
            this.participantGid = Gid.ofGuid(CycloneDds.guid(pp));
            CycloneDds.Topic graphTopic = topic(GRAPH_TOPIC, ParticipantEntitiesInfoCodec.TYPE);
            try (DdsQos qos = endpointQos(QosProfile.GRAPH, ParticipantEntitiesInfoCodec.TYPE)) {
                this.graphWriter = new NativeWriter(CycloneDds.createWriter(pp, graphTopic, qos), graphTopic);
            }
            announce();
        } catch (RuntimeException e) {
            CycloneDds.delete(pp);
            CycloneDds.releaseDomain(settings.domainId());
            throw e;
        }
        LOG.info("ROS node {} on DDS domain {} ({}, {}), participant {}", node.fullyQualifiedName(), settings.domainId(),
                settings.distro().rosName(), CycloneDds.libraryName(), participantGid);
    }

    /**
     * Joins the ROS graph as {@code node}.
     *
     * @param remaps topic remap rules ({@code -r from:=to}), applied by {@link #resolveTopic}
     */
    public static CycloneTransport open(DdsSettings settings, NodeIdentity node, List<RosNames.Remap> remaps) {
        return new CycloneTransport(settings, node, remaps);
    }

    public static CycloneTransport open(DdsSettings settings, NodeIdentity node) {
        return open(settings, node, List.of());
    }

    @Override
    public NodeIdentity node() {
        return node;
    }

    @Override
    public RosDistro distro() {
        return settings.distro();
    }

    public DdsSettings settings() {
        return settings;
    }

    /** The participant's GUID, as the graph sees it. */
    public Gid participantGid() {
        return participantGid;
    }

    @Override
    public String resolveTopic(String topic) {
        try {
            return RosNames.resolve(topic, node, remaps);
        } catch (IllegalArgumentException e) {
            throw new TransportException(e.getMessage());
        }
    }

    @Override
    public synchronized RosPublisher createPublisher(String topicName, RosMessageType type, QosProfile qos) {
        checkOpen();
        String topic = resolveTopic(topicName);
        CycloneDds.Topic t = topic(RosNames.ddsTopicName(topic), type);
        NativeWriter writer;
        try (DdsQos q = endpointQos(qos, type)) {
            writer = new NativeWriter(CycloneDds.createWriter(participant, t, q), t);
        }
        CyclonePublisher p = new CyclonePublisher(this, topic, type, qos, writer);
        publishers.add(p);
        announce();
        LOG.debug("{} gid {}", p, p.gid());
        return p;
    }

    @Override
    public synchronized RosSubscription createSubscription(String topicName, RosMessageType type, QosProfile qos, int maxSampleBytes) {
        checkOpen();
        if (maxSampleBytes < 4) {
            throw new TransportException("receive buffer of " + maxSampleBytes + " bytes for " + topicName + " cannot hold a CDR sample; give at least the largest expected message size");
        }
        String topic = resolveTopic(topicName);
        CycloneDds.Topic t = topic(RosNames.ddsTopicName(topic), type);
        int reader;
        try (DdsQos q = endpointQos(qos, type)) {
            reader = CycloneDds.createReader(participant, t, q);
        }
        CycloneSubscription s = new CycloneSubscription(this, topic, type, qos, reader, maxSampleBytes);
        subscriptions.add(s);
        announce();
        LOG.debug("{} gid {}", s, s.gid());
        return s;
    }

    @Override
    public synchronized ReceiveWaitSet createWaitSet() {
        checkOpen();
        return new CycloneWaitSet(new NativeWaitSet(participant));
    }

    /** GIDs of this node's writers, in creation order (for tests and diagnostics). */
    public synchronized List<Gid> writerGids() {
        return publishers.stream().map(CyclonePublisher::gid).toList();
    }

    /** GIDs of this node's readers, in creation order. */
    public synchronized List<Gid> readerGids() {
        return subscriptions.stream().map(CycloneSubscription::gid).toList();
    }

    /** The graph message this participant publishes now. */
    public synchronized ParticipantEntitiesInfoMessage graphMessage() {
        List<NodeEntitiesInfoMessage> nodes = closed ? List.of()
                : List.of(new NodeEntitiesInfoMessage(node.namespace(), node.name(), readerGids(), writerGids()));
        return new ParticipantEntitiesInfoMessage(participantGid, nodes);
    }

    synchronized void removed(Object endpoint) {
        if (publishers.remove(endpoint) || subscriptions.remove(endpoint)) {
            if (!closed) {
                announce();
            }
        }
    }

    private void announce() {
        byte[] sample = graphCodec.encode(graphMessage());
        int rc = graphWriter.write(sample, 0, sample.length);
        if (rc != 0) {
            LOG.warn("publishing {} on {} failed: {}", "ParticipantEntitiesInfo", GRAPH_TOPIC, CycloneDds.errorText(rc));
        }
    }

    private CycloneDds.Topic topic(String ddsName, RosMessageType type) {
        CycloneDds.Topic t = topics.get(ddsName);
        if (t == null) {
            t = CycloneDds.createTopic(participant, ddsName, type.ddsTypeName(), null);
            topics.put(ddsName, t);
        }
        return t;
    }

    private DdsQos endpointQos(QosProfile profile, RosMessageType type) {
        DdsQos q = new DdsQos();
        q.reliability(profile.reliability() == QosProfile.Reliability.RELIABLE ? DdsQos.RELIABLE : DdsQos.BEST_EFFORT, MAX_BLOCKING_NS);
        q.durability(profile.durability() == QosProfile.Durability.TRANSIENT_LOCAL ? DdsQos.TRANSIENT_LOCAL : DdsQos.VOLATILE);
        q.history(profile.history() == QosProfile.History.KEEP_ALL ? DdsQos.KEEP_ALL : DdsQos.KEEP_LAST, profile.depth());
        q.xcdr1Only();
        if (settings.distro().typeHashInUserData() && !type.typeHashUserData().isEmpty()) {
            q.userData(type.typeHashUserData().getBytes(StandardCharsets.US_ASCII));
        }
        return q;
    }

    private void checkOpen() {
        if (closed) {
            throw new TransportException("the ROS node " + node.fullyQualifiedName() + " is closed");
        }
    }

    /** Announces that the node left, then deletes the participant and everything in it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        announce();
        for (CyclonePublisher p : List.copyOf(publishers)) {
            p.close();
        }
        for (CycloneSubscription s : List.copyOf(subscriptions)) {
            s.close();
        }
        CycloneDds.delete(participant);
        CycloneDds.releaseDomain(settings.domainId());
    }
}

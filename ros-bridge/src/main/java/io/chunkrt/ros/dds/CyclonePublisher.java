package io.chunkrt.ros.dds;

import io.chunkrt.ros.dds.ffi.CycloneDds;
import io.chunkrt.ros.dds.ffi.NativeWriter;
import io.chunkrt.ros.msg.Gid;
import io.chunkrt.ros.msg.RosMessageType;
import io.chunkrt.ros.transport.PublishStatus;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.RosPublisher;

/** A DDS writer of raw CDR on {@code rt/<topic>}. */
final class CyclonePublisher implements RosPublisher {
    private final CycloneTransport owner;
    private final String topic;
    private final RosMessageType type;
    private final QosProfile qos;
    private final NativeWriter writer;
    private final Gid gid;
    private volatile boolean closed;

    CyclonePublisher(CycloneTransport owner, String topic, RosMessageType type, QosProfile qos, NativeWriter writer) {
        this.owner = owner;
        this.topic = topic;
        this.type = type;
        this.qos = qos;
        this.writer = writer;
        this.gid = Gid.ofGuid(CycloneDds.guid(writer.entity()));
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public RosMessageType type() {
        return type;
    }

    @Override
    public QosProfile qos() {
        return qos;
    }

    Gid gid() {
        return gid;
    }

    @Override
    public PublishStatus publish(byte[] cdr, int offset, int length) {
        if (closed) {
            return PublishStatus.FAILED;
        }
        int rc = writer.write(cdr, offset, length);
        if (rc == 0) {
            return PublishStatus.OK;
        }
        return rc == NativeWriter.NO_SERDATA ? PublishStatus.REJECTED : PublishStatus.FAILED;
    }

    @Override
    public int matchedSubscriptions() {
        return closed ? 0 : CycloneDds.matchedSubscriptions(writer.entity());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            writer.close();
            owner.removed(this);
        }
    }

    @Override
    public String toString() {
        return "publisher " + topic + " [" + type + ", " + qos + "]";
    }
}

package io.chunkrt.ros.dds;

import io.chunkrt.ros.dds.ffi.CycloneDds;
import io.chunkrt.ros.dds.ffi.NativeReader;
import io.chunkrt.ros.msg.Gid;
import io.chunkrt.ros.msg.RosMessageType;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.RosSubscription;
import io.chunkrt.ros.transport.TakeStatus;

/** A DDS reader of raw CDR on {@code rt/<topic>} with a receive buffer allocated once. */
final class CycloneSubscription implements RosSubscription {
    private final CycloneTransport owner;
    private final String topic;
    private final RosMessageType type;
    private final QosProfile qos;
    private final NativeReader reader;
    private final byte[] buffer;
    private final Gid gid;
    private int length;
    private long invalidSkipped;
    private volatile boolean closed;

    CycloneSubscription(CycloneTransport owner, String topic, RosMessageType type, QosProfile qos, int readerEntity, int maxSampleBytes) {
        this.owner = owner;
        this.topic = topic;
        this.type = type;
        this.qos = qos;
        this.buffer = new byte[maxSampleBytes];
        this.reader = new NativeReader(readerEntity, buffer);
        this.gid = Gid.ofGuid(CycloneDds.guid(reader.entity()));
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

    int readerEntity() {
        return reader.entity();
    }

    @Override
    public TakeStatus take() {
        if (closed) {
            return TakeStatus.FAILED;
        }
        int rc = reader.take();
        invalidSkipped += reader.invalidSamplesSkipped();
        if (rc == NativeReader.SAMPLE) {
            length = reader.sampleBytes();
            return TakeStatus.SAMPLE;
        }
        length = 0;
        if (rc == NativeReader.NONE) {
            return TakeStatus.NONE;
        }
        return rc == NativeReader.TOO_LARGE ? TakeStatus.TOO_LARGE : TakeStatus.FAILED;
    }

    @Override
    public byte[] sampleBuffer() {
        return buffer;
    }

    @Override
    public int sampleLength() {
        return length;
    }

    @Override
    public long sourceTimestampNs() {
        return reader.sourceTimestampNs();
    }

    @Override
    public long invalidSamplesSkipped() {
        return invalidSkipped;
    }

    /** Size of the last sample refused as too large. */
    int lastRefusedBytes() {
        return reader.sampleBytes();
    }

    @Override
    public int matchedPublishers() {
        return closed ? 0 : CycloneDds.matchedPublications(reader.entity());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            reader.close();
            owner.removed(this);
        }
    }

    @Override
    public String toString() {
        return "subscription " + topic + " [" + type + ", " + qos + ", buffer " + buffer.length + " B]";
    }
}

package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;

/** diagnostic_msgs/DiagnosticArray with DiagnosticStatus and KeyValue. */
public final class DiagnosticArrayCodec implements MessageCodec<DiagnosticArrayMessage> {
    public static final RosMessageType TYPE = new RosMessageType("diagnostic_msgs", "DiagnosticArray",
            "14fe60cb7cdf1e3ef501ce4950502d0a4bf28c31a1a62fa531d8ee02cb2a7a0e");
    public static final RosMessageType STATUS_TYPE = new RosMessageType("diagnostic_msgs", "DiagnosticStatus",
            "422430b6d794a856013bfe3537b201e1e9724e36148953221007a58ef89638c1");
    public static final DiagnosticArrayCodec INSTANCE = new DiagnosticArrayCodec();

    /** level byte, three string lengths and the values count. */
    private static final int MIN_STATUS_BYTES = 17;
    private static final int MIN_KEY_VALUE_BYTES = 8;

    private DiagnosticArrayCodec() {}

    @Override
    public RosMessageType type() {
        return TYPE;
    }

    @Override
    public void encode(DiagnosticArrayMessage m, CdrWriter out) {
        Header.encode(m.header, out);
        out.writeInt32(m.statusCount());
        for (int i = 0; i < m.statusCount(); i++) {
            DiagnosticStatusMessage s = m.statusSlot(i);
            out.writeUint8(s.level);
            out.writeString(s.name);
            out.writeString(s.message);
            out.writeString(s.hardwareId);
            out.writeInt32(s.valueCount());
            for (int k = 0; k < s.valueCount(); k++) {
                KeyValueMessage kv = s.valueSlot(k);
                out.writeString(kv.key);
                out.writeString(kv.value);
            }
        }
    }

    @Override
    public SampleFault decodeBody(CdrReader in, DiagnosticArrayMessage into) {
        Header.decode(in, into.header);
        int n = in.readCount(1, MIN_STATUS_BYTES, into.maxStatuses());
        if (n < 0) {
            return in.fault();
        }
        for (int i = 0; i < n && in.ok(); i++) {
            DiagnosticStatusMessage s = into.statusSlot(i);
            s.level = in.readUint8();
            in.readString(s.name);
            in.readString(s.message);
            in.readString(s.hardwareId);
            int values = in.readCount(4, MIN_KEY_VALUE_BYTES, s.maxValues());
            if (values < 0) {
                return in.fault();
            }
            for (int k = 0; k < values; k++) {
                KeyValueMessage kv = s.valueSlot(k);
                in.readString(kv.key);
                in.readString(kv.value);
            }
            s.setValueCount(values);
        }
        if (!in.ok()) {
            return in.fault();
        }
        into.setStatusCount(n);
        return SampleFault.NONE;
    }
}

package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;

/**
 * sensor_msgs/Image. Besides the CDR checks, a decoded image must be self-consistent: data is exactly
 * step x height bytes, and for a known encoding each row holds width pixels.
 */
public final class ImageCodec implements MessageCodec<ImageMessage> {
    public static final RosMessageType TYPE = new RosMessageType("sensor_msgs", "Image",
            "d31d41a9a4c4bc8eae9be757b0beed306564f7526c88ea6a4588fb9582527d47");
    public static final ImageCodec INSTANCE = new ImageCodec();

    private ImageCodec() {}

    @Override
    public RosMessageType type() {
        return TYPE;
    }

    @Override
    public void encode(ImageMessage m, CdrWriter out) {
        Header.encode(m.header, out);
        out.writeUint32(m.height);
        out.writeUint32(m.width);
        out.writeString(m.encoding);
        out.writeUint8(m.isBigEndian);
        out.writeUint32(m.step);
        out.writeInt32(m.dataLength());
        out.writeBytes(m.data(), 0, m.dataLength());
    }

    @Override
    public SampleFault decodeBody(CdrReader in, ImageMessage into) {
        Header.decode(in, into.header);
        into.height = in.readUint32();
        into.width = in.readUint32();
        in.readString(into.encoding);
        into.isBigEndian = in.readUint8();
        into.step = in.readUint32();
        int n = in.readCount(1, 1, into.maxDataBytes());
        if (n < 0) {
            return in.fault();
        }
        in.readBytes(into.data(), 0, n);
        if (!in.ok()) {
            return in.fault();
        }
        into.setDataLength(n);
        // both factors are below 2^32, so the product is exact or (at 2^63 and above) negative: never a false match
        if (into.step * into.height != n) {
            return in.fail(SampleFault.INCONSISTENT_LENGTHS);
        }
        PixelEncoding e = PixelEncoding.of(into.encoding);
        if (e != null && into.step < into.width * e.bytesPerPixel()) {
            return in.fail(SampleFault.INCONSISTENT_LENGTHS);
        }
        return SampleFault.NONE;
    }
}

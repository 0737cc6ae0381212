package io.chunkrt.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.SampleFault;
import io.chunkrt.ros.testing.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact encodings against layouts laid out by hand from the XCDR1 rules (4-byte header 00 01 00 00,
 * alignment relative to the byte after it, strings with length counting the NUL, sequences with a uint32
 * count), and decoding them back.
 */
class CodecGoldenLayoutTest {
    private final CdrReader reader = new CdrReader();

    @Test
    void jointStateWithTwoJointsIs76BytesLaidOutAsRmwDoes() {
        JointStateMessage m = new JointStateMessage(4);
        m.header.stamp.set(1, 2);
        m.header.frameId.set("base");
        m.setNames("j1", "j2");
        m.positions()[0] = 0.5;
        m.positions()[1] = -1.0;
        m.setPositionCount(2);
        byte[] expected = Hex.bytes("""
                00010000
                01000000 02000000
                05000000 62617365 00 000000
                02000000
                03000000 6a3100 00
                03000000 6a3200 00
                02000000 00000000
                000000000000e03f
                000000000000f0bf
                00000000
                00000000""");
        byte[] actual = JointStateCodec.INSTANCE.encodeToArray(m);
        assertEquals(76, actual.length);
        assertArrayEquals(expected, actual, () -> Hex.of(actual));

        JointStateMessage back = new JointStateMessage(4);
        assertEquals(SampleFault.NONE, JointStateCodec.INSTANCE.decode(reader, expected, 0, expected.length, back));
        assertEquals(1, back.header.stamp.sec());
        assertEquals(2, back.header.stamp.nanosec());
        assertTrue(back.header.frameId.contentEquals("base"));
        assertEquals(2, back.nameCount());
        assertTrue(back.name(0).contentEquals("j1"));
        assertTrue(back.name(1).contentEquals("j2"));
        assertEquals(2, back.positionCount());
        assertEquals(0.5, back.position(0));
        assertEquals(-1.0, back.position(1));
        assertEquals(0, back.velocityCount());
        assertEquals(0, back.effortCount());
    }

    @Test
    void float64MultiArrayWithoutDimensionsPutsDataAtPayloadOffset16() {
        Float64MultiArrayMessage m = new Float64MultiArrayMessage(8, 2);
        m.setData(new double[] {0.25, -0.5, 1.0}, 3);
        byte[] expected = Hex.bytes("""
                00010000
                00000000 00000000 03000000 00000000
                000000000000d03f 000000000000e0bf 000000000000f03f""");
        byte[] actual = Float64MultiArrayCodec.INSTANCE.encodeToArray(m);
        assertEquals(44, actual.length);
        assertArrayEquals(expected, actual, () -> Hex.of(actual));
        Float64MultiArrayMessage back = new Float64MultiArrayMessage(8, 2);
        assertEquals(SampleFault.NONE, Float64MultiArrayCodec.INSTANCE.decode(reader, actual, 0, actual.length, back));
        assertEquals(3, back.dataLength());
        assertEquals(-0.5, back.data()[1]);
    }

    @Test
    void float64MultiArrayLayoutDimensionsCarryLabelSizeAndStride() {
        Float64MultiArrayMessage m = new Float64MultiArrayMessage(8, 2);
        m.setDimCount(1);
        m.dim(0).set("joints", 2, 2);
        m.dataOffset = 0;
        m.setData(new double[] {1.5, 2.5}, 2);
        byte[] expected = Hex.bytes("""
                00010000
                01000000
                07000000 6a6f696e747300 00
                02000000 02000000
                00000000
                02000000
                000000000000f83f 0000000000000440""");
        byte[] actual = Float64MultiArrayCodec.INSTANCE.encodeToArray(m);
        assertArrayEquals(expected, actual, () -> Hex.of(actual));
        Float64MultiArrayMessage back = new Float64MultiArrayMessage(8, 2);
        assertEquals(SampleFault.NONE, Float64MultiArrayCodec.INSTANCE.decode(reader, actual, 0, actual.length, back));
        assertEquals(1, back.dimCount());
        assertTrue(back.dim(0).label.contentEquals("joints"));
        assertEquals(2, back.dim(0).size);
        assertEquals(2, back.dim(0).stride);
    }

    @Test
    void imageOneByTwoRgb8Is54BytesWithStepPaddedTo36() {
        ImageMessage m = new ImageMessage(16);
        m.header.stamp.set(3, 4);
        m.header.frameId.set("cam");
        m.height = 1;
        m.width = 2;
        m.encoding.set("rgb8");
        m.isBigEndian = 0;
        m.step = 6;
        System.arraycopy(new byte[] {1, 2, 3, 4, 5, 6}, 0, m.data(), 0, 6);
        m.setDataLength(6);
        byte[] expected = Hex.bytes("""
                00010000
                03000000 04000000
                04000000 63616d00
                01000000 02000000
                05000000 72676238 00
                00
                0000
                06000000
                06000000 010203040506""");
        byte[] actual = ImageCodec.INSTANCE.encodeToArray(m);
        assertEquals(54, actual.length);
        assertArrayEquals(expected, actual, () -> Hex.of(actual));
        ImageMessage back = new ImageMessage(16);
        assertEquals(SampleFault.NONE, ImageCodec.INSTANCE.decode(reader, actual, 0, actual.length, back));
        assertEquals(PixelEncoding.RGB8, back.pixelEncoding());
        assertEquals(6, back.step);
        assertEquals(6, back.dataLength());
        assertEquals(6, back.data()[5]);
    }

    @Test
    void jointTrajectoryWithThreeJointsAndOnePointIs104BytesWithTimeFromStartAtPayload92() {
        JointTrajectoryMessage m = new JointTrajectoryMessage(4, 2);
        m.setJointNames("a", "b", "c");
        m.setPointCount(1);
        JointTrajectoryPointMessage p = m.pointSlot(0);
        p.positions()[0] = 0.1;
        p.positions()[1] = 0.2;
        p.positions()[2] = 0.3;
        p.setPositionCount(3);
        p.timeFromStart.set(0, 100_000_000);
        byte[] expected = Hex.bytes("""
                00010000
                00000000 00000000
                01000000 00
                000000
                03000000
                02000000 6100 0000
                02000000 6200 0000
                02000000 6300 0000
                01000000
                03000000 00000000
                9a9999999999b93f 9a9999999999c93f 333333333333d33f
                00000000 00000000 00000000
                00000000 00e1f505""");
        byte[] actual = JointTrajectoryCodec.INSTANCE.encodeToArray(m);
        assertEquals(104, actual.length);
        assertArrayEquals(expected, actual, () -> Hex.of(actual));
        JointTrajectoryMessage back = new JointTrajectoryMessage(4, 2);
        assertEquals(SampleFault.NONE, JointTrajectoryCodec.INSTANCE.decode(reader, actual, 0, actual.length, back));
        assertEquals(3, back.jointCount());
        assertTrue(back.jointName(2).contentEquals("c"));
        assertEquals(0.3, back.point(0).positions()[2]);
        assertEquals(100_000_000, back.point(0).timeFromStart.nanosec());
    }

    @Test
    void boolStringHeaderAndTimeHaveTheirPrimitiveLayouts() {
        BoolMessage b = new BoolMessage();
        b.data = true;
        assertArrayEquals(Hex.bytes("00010000 01"), BoolCodec.INSTANCE.encodeToArray(b));
        StringMessage s = new StringMessage(32);
        s.data.set("Hello, world! 0");
        // the rosbag2 talker sample: 00010000 10000000 "Hello, world! 0\0"
        assertArrayEquals(Hex.bytes("00010000 10000000 48656c6c6f2c20776f726c642120300 0".replace(" 0", "0")),
                StringCodec.INSTANCE.encodeToArray(s));
        RosTime t = new RosTime().set(-1, 999_999_999L);
        assertArrayEquals(Hex.bytes("00010000 ffffffff ffc99a3b"), TimeCodec.DURATION_CODEC.encodeToArray(t));
        Header h = new Header();
        h.stamp.set(7, 8);
        assertArrayEquals(Hex.bytes("00010000 07000000 08000000 01000000 00"), HeaderCodec.INSTANCE.encodeToArray(h));
    }

    @Test
    void compressedImageCarriesFormatThenBytes() {
        CompressedImageMessage m = new CompressedImageMessage(8);
        m.header.frameId.set("c");
        m.format.set("jpeg");
        System.arraycopy(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, 0, m.data(), 0, 3);
        m.setDataLength(3);
        byte[] expected = Hex.bytes("""
                00010000
                00000000 00000000
                02000000 6300 0000
                05000000 6a70656700 000000
                03000000 ffd8ff""");
        byte[] actual = CompressedImageCodec.INSTANCE.encodeToArray(m);
        assertArrayEquals(expected, actual, () -> Hex.of(actual));
        CompressedImageMessage back = new CompressedImageMessage(8);
        assertEquals(SampleFault.NONE, CompressedImageCodec.INSTANCE.decode(reader, actual, 0, actual.length, back));
        assertTrue(back.format.contentEquals("jpeg"));
        assertEquals(3, back.dataLength());
    }

    @Test
    void diagnosticArrayNestsStatusesAndKeyValues() {
        DiagnosticArrayMessage m = new DiagnosticArrayMessage(2, 2, 32);
        DiagnosticStatusMessage s = m.addStatus();
        s.level = DiagnosticStatusMessage.WARN;
        s.name.set("n");
        s.message.set("m");
        s.hardwareId.set("h");
        s.addValue("k", "v");
        byte[] expected = Hex.bytes("""
                00010000
                00000000 00000000 01000000 00 000000
                01000000
                01 000000
                02000000 6e00 0000
                02000000 6d00 0000
                02000000 6800 0000
                01000000
                02000000 6b00 0000
                02000000 7600""");
        byte[] actual = DiagnosticArrayCodec.INSTANCE.encodeToArray(m);
        assertArrayEquals(expected, actual, () -> Hex.of(actual));
        DiagnosticArrayMessage back = new DiagnosticArrayMessage(2, 2, 32);
        assertEquals(SampleFault.NONE, DiagnosticArrayCodec.INSTANCE.decode(reader, actual, 0, actual.length, back));
        assertEquals(DiagnosticStatusMessage.WARN, back.status(0).level);
        assertTrue(back.status(0).value(0).value.contentEquals("v"));
    }

    @Test
    void participantEntitiesInfoUses24ByteGidsOnHumbleAnd16OnJazzy() {
        byte[] guid = new byte[16];
        for (int i = 0; i < 16; i++) {
            guid[i] = (byte) (i + 1);
        }
        Gid g = Gid.ofGuid(guid);
        ParticipantEntitiesInfoMessage m = new ParticipantEntitiesInfoMessage(g,
                List.of(new NodeEntitiesInfoMessage("/", "n", List.of(), List.of(g))));
        String gid16 = "0102030405060708090a0b0c0d0e0f10";
        byte[] humble = ParticipantEntitiesInfoCodec.forDistro(RosDistro.HUMBLE).encode(m);
        assertArrayEquals(Hex.bytes("00010000" + gid16 + "0000000000000000"
                + "01000000 02000000 2f00 0000 02000000 6e00 0000 00000000 01000000" + gid16 + "0000000000000000"), humble, () -> Hex.of(humble));
        byte[] jazzy = ParticipantEntitiesInfoCodec.forDistro(RosDistro.JAZZY).encode(m);
        assertArrayEquals(Hex.bytes("00010000" + gid16
                + "01000000 02000000 2f00 0000 02000000 6e00 0000 00000000 01000000" + gid16), jazzy, () -> Hex.of(jazzy));
        for (RosDistro d : RosDistro.values()) {
            byte[] bytes = d == RosDistro.HUMBLE ? humble : jazzy;
            ParticipantEntitiesInfoCodec.Decoded back = ParticipantEntitiesInfoCodec.forDistro(d).decode(reader, bytes, 0, bytes.length);
            assertEquals(SampleFault.NONE, back.fault());
            assertEquals(m, back.message());
        }
    }
}

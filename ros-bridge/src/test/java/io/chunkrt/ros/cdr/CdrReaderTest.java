package io.chunkrt.ros.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.testing.Hex;
import org.junit.jupiter.api.Test;

class CdrReaderTest {
    private final CdrReader in = new CdrReader();

    @Test
    void bigEndianSamplesDecodeToTheSameValues() {
        // the 76-byte JointState of the golden test, written big-endian (encapsulation 00 00)
        byte[] be = Hex.bytes("""
                00000000
                00000001 00000002
                00000005 62617365 00 000000
                00000002
                00000003 6a3100 00
                00000003 6a3200 00
                00000002 00000000
                3fe0000000000000
                bff0000000000000
                00000000
                00000000""");
        JointStateMessage m = new JointStateMessage(4);
        assertEquals(SampleFault.NONE, JointStateCodec.INSTANCE.decode(in, be, 0, be.length, m));
        assertTrue(in.bigEndian());
        assertEquals(1, m.header.stamp.sec());
        assertEquals(0.5, m.position(0));
        assertEquals(-1.0, m.position(1));
        assertTrue(m.name(1).contentEquals("j2"));
    }

    @Test
    void upToSevenPaddingBytesAfterTheMessageAreTolerated() {
        byte[] b = Hex.bytes("00010000 01 000000"); // Bool padded to 4 by the writer
        assertEquals(SampleFault.NONE, in.begin(b, 0, b.length));
        assertTrue(in.readBool());
        assertEquals(SampleFault.NONE, in.end());
        byte[] more = Hex.bytes("00010000 01 00000000 00000000");
        in.begin(more, 0, more.length);
        in.readBool();
        assertEquals(SampleFault.TRAILING_BYTES, in.end());
    }

    @Test
    void theFirstFaultSticksAndLaterReadsReturnZero() {
        byte[] b = Hex.bytes("00010000 0a000000 6869"); // a 10-byte string with 2 bytes present
        in.begin(b, 0, b.length);
        RosString s = new RosString(16);
        assertFalse(in.readString(s));
        assertEquals(SampleFault.LENGTH_EXCEEDS_PAYLOAD, in.fault());
        assertEquals(0, in.readInt32());
        assertEquals(SampleFault.LENGTH_EXCEEDS_PAYLOAD, in.end());
    }

    @Test
    void anEmptyStringMayBeWrittenWithoutItsNul() {
        byte[] b = Hex.bytes("00010000 00000000");
        in.begin(b, 0, b.length);
        RosString s = RosString.of("old");
        assertTrue(in.readString(s));
        assertEquals(0, s.length());
    }

    @Test
    void countsLargerThanThePayloadAreRefusedBeforeAnyLoop() {
        byte[] b = Hex.bytes("00010000 ffffff7f");
        in.begin(b, 0, b.length);
        assertEquals(-1, in.readCount(8, 8));
        assertEquals(SampleFault.LENGTH_EXCEEDS_PAYLOAD, in.fault());
    }

    @Test
    void utf8StringsRoundTripWithoutAllocatingOnCompare() {
        RosString s = new RosString(32);
        assertTrue(s.set("gelenk_ä_€_😀"));
        assertEquals("gelenk_ä_€_😀", s.toString());
        assertTrue(s.contentEquals("gelenk_ä_€_😀"));
        assertFalse(s.contentEquals("gelenk_a_€_😀"));
        assertFalse(new RosString(3).set("four"));
    }
}

package io.chunkrt.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.RosString;
import io.chunkrt.ros.cdr.SampleFault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Decodes the real CDR that ROS 2 wrote into rosbag2's own test bag {@code cdr_test} (test_msgs/BasicTypes and
 * test_msgs/Arrays, recorded by rosbag2's end-to-end tests: int32_value 123; bool_values [true, false, true];
 * string_values ["Complex Hello1", "Complex Hello2", "Complex Hello3"]; every other field at its default).
 * The two test_msgs decoders live here, written with the same {@link CdrReader} the bridge's codecs use; the
 * blobs come straight from the bag's sqlite3 tables.
 */
class RecordedBagCdrTest {
    private static final String BAG = "rosbag2/ros2_rosbag2/rosbag2_tests/resources/sqlite3/cdr_test/cdr_test_0.db3";

    /** test_msgs/BasicTypes (also the layout of test_msgs/Defaults). */
    record BasicTypes(boolean boolValue, int byteValue, int charValue, float float32Value, double float64Value, byte int8Value,
                      int uint8Value, short int16Value, int uint16Value, int int32Value, long uint32Value, long int64Value, long uint64Value) {
        static BasicTypes read(CdrReader in) {
            return new BasicTypes(in.readBool(), in.readUint8(), in.readUint8(), in.readFloat32(), in.readFloat64(), in.readInt8(),
                    in.readUint8(), in.readInt16(), in.readUint16(), in.readInt32(), in.readUint32(), in.readInt64(), in.readInt64());
        }

        static final BasicTypes ZERO = new BasicTypes(false, 0, 0, 0f, 0.0, (byte) 0, 0, (short) 0, 0, 0, 0, 0, 0);
        /** test_msgs/Defaults.msg default values. */
        static final BasicTypes DEFAULTS = new BasicTypes(true, 50, 100, 1.125f, 1.125, (byte) -50, 200, (short) -1000, 2000, -30000, 60000, -40000000, 50000000);
    }

    @Test
    void decodesEveryBasicTypesAndArraysMessageRosbag2Recorded() throws Exception {
        Path bag = testdata().resolve(BAG);
        Assumptions.assumeTrue(Files.isRegularFile(bag), "third-party test data not present: " + bag);
        Map<Integer, String> types = new HashMap<>();
        int basic = 0;
        int arrays = 0;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + bag + "?open_mode=1");
             Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, name, type, serialization_format FROM topics")) {
                while (rs.next()) {
                    assertEquals("cdr", rs.getString(4));
                    types.put(rs.getInt(1), rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT topic_id, data FROM messages ORDER BY id")) {
                while (rs.next()) {
                    String type = types.get(rs.getInt(1));
                    byte[] data = rs.getBytes(2);
                    switch (type) {
                        case "test_msgs/msg/BasicTypes" -> {
                            checkBasicTypes(data);
                            basic++;
                        }
                        case "test_msgs/msg/Arrays" -> {
                            checkArrays(data);
                            arrays++;
                        }
                        default -> throw new AssertionError("unexpected type " + type + " in " + bag);
                    }
                }
            }
        }
        assertEquals(3, basic);
        assertEquals(4, arrays);
    }

    private static void checkBasicTypes(byte[] data) {
        CdrReader in = new CdrReader();
        assertEquals(SampleFault.NONE, in.begin(data, 0, data.length));
        BasicTypes b = BasicTypes.read(in);
        assertEquals(SampleFault.NONE, in.end());
        assertEquals(0, in.remaining(), "bytes left after BasicTypes");
        assertEquals(new BasicTypes(false, 0, 0, 0f, 0.0, (byte) 0, 0, (short) 0, 0, 123, 0, 0, 0), b);
    }

    private static void checkArrays(byte[] data) {
        CdrReader in = new CdrReader();
        assertEquals(SampleFault.NONE, in.begin(data, 0, data.length));
        // bool, byte, char, float32, float64, int8, uint8, int16, uint16, int32, uint32, int64, uint64 [3] each
        boolean[] bools = {in.readBool(), in.readBool(), in.readBool()};
        assertArrayEquals(new boolean[] {true, false, true}, bools);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, in.readUint8()); // byte_values
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, in.readUint8()); // char_values
        }
        float[] f32 = new float[3];
        in.readFloat32s(f32, 3);
        assertArrayEquals(new float[3], f32);
        double[] f64 = new double[3];
        in.readFloat64s(f64, 3);
        assertArrayEquals(new double[3], f64);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, in.readInt8());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, in.readUint8());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, in.readInt16());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, in.readUint16());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, in.readInt32());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, in.readUint32());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, in.readInt64());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(0, in.readInt64()); // uint64
        }
        RosString s = new RosString(64);
        for (int i = 1; i <= 3; i++) { // string_values
            assertTrue(in.readString(s));
            assertEquals("Complex Hello" + i, s.toString());
        }
        for (int i = 0; i < 3; i++) { // basic_types_values
            assertEquals(BasicTypes.ZERO, BasicTypes.read(in));
        }
        for (int i = 0; i < 3; i++) { // constants_values: an IDL struct needs one member
            assertEquals(0, in.readUint8());
        }
        for (int i = 0; i < 3; i++) { // defaults_values
            assertEquals(BasicTypes.DEFAULTS, BasicTypes.read(in));
        }
        // the *_values_default arrays with the defaults from Arrays.msg
        assertArrayEquals(new boolean[] {false, true, false}, new boolean[] {in.readBool(), in.readBool(), in.readBool()});
        assertArrayEquals(new int[] {0, 1, 255}, new int[] {in.readUint8(), in.readUint8(), in.readUint8()});
        assertArrayEquals(new int[] {0, 1, 127}, new int[] {in.readUint8(), in.readUint8(), in.readUint8()});
        in.readFloat32s(f32, 3);
        assertArrayEquals(new float[] {1.125f, 0.0f, -1.125f}, f32);
        in.readFloat64s(f64, 3);
        assertArrayEquals(new double[] {3.1415, 0.0, -3.1415}, f64);
        assertArrayEquals(new byte[] {0, 127, -128}, new byte[] {in.readInt8(), in.readInt8(), in.readInt8()});
        assertArrayEquals(new int[] {0, 1, 255}, new int[] {in.readUint8(), in.readUint8(), in.readUint8()});
        assertArrayEquals(new short[] {0, 32767, -32768}, new short[] {in.readInt16(), in.readInt16(), in.readInt16()});
        assertArrayEquals(new int[] {0, 1, 65535}, new int[] {in.readUint16(), in.readUint16(), in.readUint16()});
        assertArrayEquals(new int[] {0, Integer.MAX_VALUE, Integer.MIN_VALUE}, new int[] {in.readInt32(), in.readInt32(), in.readInt32()});
        assertArrayEquals(new long[] {0, 1, 4294967295L}, new long[] {in.readUint32(), in.readUint32(), in.readUint32()});
        assertArrayEquals(new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE}, new long[] {in.readInt64(), in.readInt64(), in.readInt64()});
        assertArrayEquals(new long[] {0, 1, -1L /* 2^64-1 */}, new long[] {in.readInt64(), in.readInt64(), in.readInt64()});
        String[] strings = new String[3];
        for (int i = 0; i < 3; i++) {
            assertTrue(in.readString(s));
            strings[i] = s.toString();
        }
        assertArrayEquals(new String[] {"", "max value", "min value"}, strings);
        assertEquals(0, in.readInt32()); // alignment_check
        assertEquals(SampleFault.NONE, in.end());
        assertTrue(in.remaining() < 8, "bytes left after Arrays: " + in.remaining());
    }

    private static Path testdata() {
        String dir = System.getProperty("chunkrt.testdata");
        Assumptions.assumeTrue(dir != null, "system property chunkrt.testdata is not set");
        return Path.of(dir);
    }
}

package io.chunkrt.ros.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.msg.BoolCodec;
import io.chunkrt.ros.msg.BoolMessage;
import io.chunkrt.ros.msg.CompressedImageCodec;
import io.chunkrt.ros.msg.CompressedImageMessage;
import io.chunkrt.ros.msg.DiagnosticArrayCodec;
import io.chunkrt.ros.msg.DiagnosticArrayMessage;
import io.chunkrt.ros.msg.DiagnosticStatusMessage;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.Float64MultiArrayMessage;
import io.chunkrt.ros.msg.Gid;
import io.chunkrt.ros.msg.Header;
import io.chunkrt.ros.msg.HeaderCodec;
import io.chunkrt.ros.msg.ImageCodec;
import io.chunkrt.ros.msg.ImageMessage;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.msg.JointTrajectoryCodec;
import io.chunkrt.ros.msg.JointTrajectoryMessage;
import io.chunkrt.ros.msg.MessageCodec;
import io.chunkrt.ros.msg.NodeEntitiesInfoMessage;
import io.chunkrt.ros.msg.ParticipantEntitiesInfoCodec;
import io.chunkrt.ros.msg.ParticipantEntitiesInfoMessage;
import io.chunkrt.ros.msg.RosTime;
import io.chunkrt.ros.msg.StringCodec;
import io.chunkrt.ros.msg.StringMessage;
import io.chunkrt.ros.msg.TimeCodec;
import io.chunkrt.ros.transport.SampleCounters;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 10^6 mutated, truncated and oversized payloads per decoder, from a seeded mutator: no exception escapes,
 * every outcome is counted (decoded or dropped with a reason), every truncated or oversized payload is
 * dropped, and memory stays bounded: after a warm-up pass with the same mix, the reusable-container decoders
 * allocate nothing per sample over the million samples (0 bytes when measured; the strict per-sample proof is
 * HotPathAllocationTest); the graph decoder allocates at most in proportion to each payload.
 */
class DecoderFuzzTest {
    private static final int SAMPLES = 1_000_000;
    private static final int WARMUP_SAMPLES = 200_000;
    /** Far below one byte per sample (measured: 0 bytes for every decoder on the development machine). */
    private static final long BOUNDED_BYTES = 64 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One decoder under test: a valid seed and a way to decode a sample into a reusable container. */
    interface Decoder {
        SampleFault decode(CdrReader reader, byte[] sample, int length);
    }

    record Case(String name, byte[] seed, Decoder decoder, boolean allocationFree) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static <M> Case typed(String name, MessageCodec<M> codec, M seedMessage, M into) {
        byte[] seed = codec.encodeToArray(seedMessage);
        return new Case(name, seed, (r, s, n) -> codec.decode(r, s, 0, n, into), true);
    }

    static Stream<Case> decoders() {
        List<Case> cases = new ArrayList<>();
        RosTime t = new RosTime().set(12, 34);
        cases.add(typed("builtin_interfaces/Time", TimeCodec.TIME_CODEC, t, new RosTime()));
        cases.add(typed("builtin_interfaces/Duration", TimeCodec.DURATION_CODEC, new RosTime().set(-1, 5), new RosTime()));
        Header h = new Header();
        h.stamp.set(1, 2);
        h.frameId.set("base_link");
        cases.add(typed("std_msgs/Header", HeaderCodec.INSTANCE, h, new Header()));
        BoolMessage b = new BoolMessage();
        b.data = true;
        cases.add(typed("std_msgs/Bool", BoolCodec.INSTANCE, b, new BoolMessage()));
        StringMessage s = new StringMessage(64);
        s.data.set("enable");
        cases.add(typed("std_msgs/String", StringCodec.INSTANCE, s, new StringMessage(64)));
        Float64MultiArrayMessage f = new Float64MultiArrayMessage(16, 2);
        f.setDimCount(1);
        f.dim(0).set("joints", 6, 6);
        f.setData(new double[] {1, 2, 3, 4, 5, 6}, 6);
        cases.add(typed("std_msgs/Float64MultiArray", Float64MultiArrayCodec.INSTANCE, f, new Float64MultiArrayMessage(16, 2)));
        JointStateMessage js = new JointStateMessage(8);
        js.header.frameId.set("base");
        js.setNames("a", "b", "c");
        js.setPositionCount(3);
        js.setVelocityCount(3);
        cases.add(typed("sensor_msgs/JointState", JointStateCodec.INSTANCE, js, new JointStateMessage(8)));
        ImageMessage img = new ImageMessage(8 * 4 * 3);
        img.height = 4;
        img.width = 8;
        img.encoding.set("rgb8");
        img.step = 24;
        img.setDataLength(96);
        cases.add(typed("sensor_msgs/Image", ImageCodec.INSTANCE, img, new ImageMessage(8 * 4 * 3)));
        CompressedImageMessage ci = new CompressedImageMessage(64);
        ci.format.set("jpeg");
        ci.setDataLength(40);
        cases.add(typed("sensor_msgs/CompressedImage", CompressedImageCodec.INSTANCE, ci, new CompressedImageMessage(64)));
        JointTrajectoryMessage jt = new JointTrajectoryMessage(4, 3);
        jt.setJointNames("a", "b");
        jt.setPointCount(2);
        for (int p = 0; p < 2; p++) {
            jt.pointSlot(p).setPositionCount(2);
            jt.pointSlot(p).setVelocityCount(2);
            jt.pointSlot(p).timeFromStart.setNanos((p + 1) * 10_000_000L);
        }
        cases.add(typed("trajectory_msgs/JointTrajectory", JointTrajectoryCodec.INSTANCE, jt, new JointTrajectoryMessage(4, 3)));
        DiagnosticArrayMessage d = new DiagnosticArrayMessage(2, 3, 32);
        DiagnosticStatusMessage st = d.addStatus();
        st.name.set("chunkrt: loop");
        st.message.set("ok");
        st.addValue("rate_hz", "100.0");
        st.addValue("missed", "0");
        cases.add(typed("diagnostic_msgs/DiagnosticArray", DiagnosticArrayCodec.INSTANCE, d, new DiagnosticArrayMessage(2, 3, 32)));
        for (RosDistro distro : RosDistro.values()) {
            ParticipantEntitiesInfoCodec codec = ParticipantEntitiesInfoCodec.forDistro(distro);
            Gid g = Gid.ofGuid(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 1, (byte) 0xc1});
            byte[] seed = codec.encode(new ParticipantEntitiesInfoMessage(g, List.of(new NodeEntitiesInfoMessage("/", "chunkrt", List.of(g, g), List.of(g)))));
            cases.add(new Case("rmw_dds_common/ParticipantEntitiesInfo (" + distro.rosName() + ")", seed,
                    (r, sample, n) -> codec.decode(r, sample, 0, n).fault(), false));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void aMillionMutatedTruncatedAndOversizedPayloadsAreCountedAndDroppedWithoutEscapingOrGrowingMemory(Case c) {
        byte[] seed = c.seed();
        CdrReader reader = new CdrReader();
        assertEquals(SampleFault.NONE, c.decoder().decode(reader, seed, seed.length), "the seed itself decodes");
        SplittableRandom random = new SplittableRandom(0x5eed_c0deL ^ c.name().hashCode());
        // a first pass with the same mix compiles every path, so JIT work is not measured as the decoder's
        Fuzz warmup = new Fuzz(c, seed);
        warmup.run(reader, random, WARMUP_SAMPLES);
        Fuzz fuzz = new Fuzz(c, seed);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        fuzz.run(reader, random, SAMPLES);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        SampleCounters counters = fuzz.counters;
        assertEquals(0, fuzz.escaped, "exceptions escaped the decoder");
        assertEquals(SAMPLES, counters.decoded() + counters.droppedTotal(), "every sample is counted once");
        assertEquals(fuzz.truncated, fuzz.truncatedDropped, "every truncated payload is dropped");
        assertEquals(fuzz.oversized, fuzz.oversizedAsTrailingBytes, "every oversized payload is dropped as TRAILING_BYTES");
        assertTrue(counters.droppedTotal() > fuzz.truncated + fuzz.oversized, "mutations produce further faults: " + counters);
        if (c.allocationFree()) {
            // one object per sample would be >= 16 MB; a late JIT deoptimization may rematerialize a few objects once
            assertTrue(allocated < BOUNDED_BYTES, "decoding into a reusable container allocated " + allocated + " bytes over " + SAMPLES
                    + " samples; memory must not grow with the samples");
        } else {
            // records and lists for a graph message: bounded by the payload (every count was checked against it)
            assertTrue(fuzz.worstAllocationPerByte < 256, "graph decoding allocated " + fuzz.worstAllocationPerByte + " bytes per payload byte");
        }
    }

    /** The seeded mutator and its tallies. */
    private static final class Fuzz {
        final Case c;
        final byte[] seed;
        final byte[] work;
        final SampleCounters counters = new SampleCounters();
        long truncated;
        long oversized;
        long truncatedDropped;
        long oversizedAsTrailingBytes;
        long escaped;
        long worstAllocationPerByte;

        Fuzz(Case c, byte[] seed) {
            this.c = c;
            this.seed = seed;
            this.work = new byte[seed.length + 96];
        }

        void run(CdrReader reader, SplittableRandom random, int samples) {
            for (int i = 0; i < samples; i++) {
                System.arraycopy(seed, 0, work, 0, seed.length);
                int length = seed.length;
                int kind = random.nextInt(5);
                switch (kind) {
                    case 0 -> { // overwrite up to four bytes anywhere, header included
                        int flips = 1 + random.nextInt(4);
                        for (int k = 0; k < flips; k++) {
                            work[random.nextInt(length)] = (byte) random.nextInt(256);
                        }
                    }
                    case 1 -> { // truncate
                        length = random.nextInt(length);
                        truncated++;
                    }
                    case 2 -> { // append more than CDR padding can explain
                        int extra = CdrReader.MAX_PADDING_BYTES + 1 + random.nextInt(88);
                        for (int k = 0; k < extra; k++) {
                            work[length + k] = (byte) random.nextInt(256);
                        }
                        length += extra;
                        oversized++;
                    }
                    case 3 -> { // plant a huge length or count at a 4-aligned body offset
                        int at = 4 + 4 * random.nextInt(Math.max(1, (length - 4) / 4));
                        int v = switch (random.nextInt(3)) {
                            case 0 -> -1;
                            case 1 -> Integer.MAX_VALUE;
                            default -> 1 + random.nextInt(1 << 24);
                        };
                        if (at + 4 <= length) {
                            work[at] = (byte) v;
                            work[at + 1] = (byte) (v >>> 8);
                            work[at + 2] = (byte) (v >>> 16);
                            work[at + 3] = (byte) (v >>> 24);
                        }
                    }
                    default -> { // random body of random length after a valid header
                        length = 4 + random.nextInt(work.length - 4);
                        for (int k = 4; k < length; k++) {
                            work[k] = (byte) random.nextInt(256);
                        }
                    }
                }
                long a0 = c.allocationFree() ? 0 : THREADS.getCurrentThreadAllocatedBytes();
                SampleFault outcome;
                try {
                    outcome = c.decoder().decode(reader, work, length);
                } catch (Throwable t) {
                    escaped++;
                    continue;
                }
                if (!c.allocationFree()) {
                    long perByte = (THREADS.getCurrentThreadAllocatedBytes() - a0) / Math.max(1, length);
                    worstAllocationPerByte = Math.max(worstAllocationPerByte, perByte);
                }
                counters.record(outcome);
                if (kind == 1 && outcome != SampleFault.NONE) {
                    truncatedDropped++;
                }
                if (kind == 2 && outcome == SampleFault.TRAILING_BYTES) {
                    oversizedAsTrailingBytes++;
                }
            }
        }
    }
}

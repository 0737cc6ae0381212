package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.SampleFault;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CDR codecs on the receive and publish paths, each next to its baseline measured in the same run: copying
 * the serialized bytes (what any receiver must at least do). Run with {@code -prof gc} to see 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RosCodecBenchmark {
    private final CdrReader reader = new CdrReader();
    private final CdrWriter writer = CdrWriter.fixed();
    private byte[] jointStateCdr;
    private byte[] imageCdr;
    private final byte[] copyTarget = new byte[1 << 20];
    private final byte[] encodeTarget = new byte[4096];
    private final JointStateMessage jointState = new JointStateMessage(14);
    private final JointStateMessage jointStateIn = new JointStateMessage(14);
    private final ImageMessage imageIn = ImageMessage.forCamera(640, 480, PixelEncoding.RGB8);

    @Setup
    public void setUp() {
        String[] names = new String[14];
        for (int i = 0; i < 14; i++) {
            names[i] = "joint_" + i;
            jointState.positions()[i] = i * 0.1;
            jointState.velocities()[i] = -i;
            jointState.efforts()[i] = i * i;
        }
        jointState.header.frameId.set("base_link");
        jointState.setNames(names);
        jointState.setPositionCount(14);
        jointState.setVelocityCount(14);
        jointState.setEffortCount(14);
        jointStateCdr = JointStateCodec.INSTANCE.encodeToArray(jointState);
        ImageMessage image = ImageMessage.forCamera(640, 480, PixelEncoding.RGB8);
        image.height = 480;
        image.width = 640;
        image.encoding.set("rgb8");
        image.step = 1920;
        image.setDataLength(640 * 480 * 3);
        imageCdr = ImageCodec.INSTANCE.encodeToArray(image);
    }

    @Benchmark
    public int copyJointStateBytes() {
        System.arraycopy(jointStateCdr, 0, copyTarget, 0, jointStateCdr.length);
        return copyTarget[jointStateCdr.length - 1];
    }

    @Benchmark
    public SampleFault decodeJointState() {
        return JointStateCodec.INSTANCE.decode(reader, jointStateCdr, 0, jointStateCdr.length, jointStateIn);
    }

    @Benchmark
    public int encodeJointState() {
        writer.begin(encodeTarget);
        JointStateCodec.INSTANCE.encode(jointState, writer);
        return writer.length();
    }

    @Benchmark
    public int copyImageBytes() {
        System.arraycopy(imageCdr, 0, copyTarget, 0, imageCdr.length);
        return copyTarget[imageCdr.length - 1];
    }

    @Benchmark
    public SampleFault decodeImage() {
        return ImageCodec.INSTANCE.decode(reader, imageCdr, 0, imageCdr.length, imageIn);
    }
}

package io.chunkrt.policy.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * A tensor over a direct, native-order buffer, wrapped once: ONNX Runtime reads inputs from and writes pinned
 * outputs into this memory, so refilling the buffer needs no copy and no allocation.
 */
final class PinnedTensor implements AutoCloseable {
    final OnnxTensor tensor;
    final FloatBuffer floats;
    final LongBuffer longs;
    final IntBuffer ints;

    private PinnedTensor(OnnxTensor tensor, FloatBuffer floats, LongBuffer longs, IntBuffer ints) {
        this.tensor = tensor;
        this.floats = floats;
        this.longs = longs;
        this.ints = ints;
    }

    static PinnedTensor floats(long[] shape) throws OrtException {
        FloatBuffer buffer = ByteBuffer.allocateDirect(Math.multiplyExact(count(shape), Float.BYTES)).order(ByteOrder.nativeOrder()).asFloatBuffer();
        return new PinnedTensor(OnnxTensor.createTensor(OnnxSessions.environment(), buffer, shape), buffer, null, null);
    }

    static PinnedTensor longs(long[] shape) throws OrtException {
        LongBuffer buffer = ByteBuffer.allocateDirect(Math.multiplyExact(count(shape), Long.BYTES)).order(ByteOrder.nativeOrder()).asLongBuffer();
        return new PinnedTensor(OnnxTensor.createTensor(OnnxSessions.environment(), buffer, shape), null, buffer, null);
    }

    static PinnedTensor ints(long[] shape) throws OrtException {
        IntBuffer buffer = ByteBuffer.allocateDirect(Math.multiplyExact(count(shape), Integer.BYTES)).order(ByteOrder.nativeOrder()).asIntBuffer();
        return new PinnedTensor(OnnxTensor.createTensor(OnnxSessions.environment(), buffer, shape), null, null, buffer);
    }

    private static int count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** Writes one numeric value into a one-element tensor of whatever type the model takes. */
    void setScalar(double value) {
        if (floats != null) {
            floats.put(0, (float) value);
        } else if (longs != null) {
            longs.put(0, Math.round(value));
        } else {
            ints.put(0, (int) Math.round(value));
        }
    }

    @Override
    public void close() {
        tensor.close();
    }
}

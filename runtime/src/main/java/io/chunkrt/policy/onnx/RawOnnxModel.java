package io.chunkrt.policy.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.chunkrt.card.CardException;
import io.chunkrt.policy.ElementType;
import io.chunkrt.policy.RawTensor;
import io.chunkrt.policy.TensorSignature;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a model's graph as is on given tensors, for {@code chunkrt infer} on a bare .onnx. Not a hot path. */
public final class RawOnnxModel implements AutoCloseable {
    private final OrtSession session;
    private final Path file;

    public RawOnnxModel(Path file, int intraOpThreads) {
        this.file = file;
        this.session = OnnxSessions.open(file, intraOpThreads);
    }

    public Map<String, TensorSignature> inputs() {
        return OnnxSessions.inputs(session);
    }

    public Map<String, TensorSignature> outputs() {
        return OnnxSessions.outputs(session);
    }

    /** Runs once; every model input must be given with a matching type and shape. Returns all outputs. */
    public Map<String, RawTensor> run(Map<String, RawTensor> given) {
        Map<String, TensorSignature> expected = inputs();
        String model = file.getFileName().toString();
        for (String name : given.keySet()) {
            if (!expected.containsKey(name)) {
                throw new CardException("--input " + name + " is not an input of " + model + "; its inputs are " + new ArrayList<>(expected.keySet()));
            }
        }
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            for (TensorSignature sig : expected.values()) {
                RawTensor t = given.get(sig.name());
                if (t == null) {
                    throw new CardException("input '" + sig.name() + "' of " + model + " (" + sig.type().name().toLowerCase() + sig.shapeText()
                            + ") is not given; add --input " + sig.name() + "=FILE.npy");
                }
                if (!sig.accepts(t.shape())) {
                    throw new CardException("--input " + sig.name() + " has shape " + TensorSignature.shapeText(t.shape()) + " but " + model
                            + " expects " + sig.shapeText() + "; save the array with that shape");
                }
                tensors.put(sig.name(), create(sig, t, model));
            }
            try (OrtSession.Result result = session.run(tensors)) {
                Map<String, RawTensor> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    out.put(e.getKey(), read(e.getKey(), e.getValue(), model));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new CardException("running " + model + " failed: " + e.getMessage().lines().findFirst().orElse(""), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor create(TensorSignature sig, RawTensor t, String model) throws OrtException {
        var env = OnnxSessions.environment();
        return switch (sig.type()) {
            case FLOAT32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap(asFloats(sig, t, model)), t.shape());
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(asLongs(sig, t, model)), t.shape());
            default -> throw new CardException("input '" + sig.name() + "' of " + model + " is " + sig.type().name().toLowerCase()
                    + "; chunkrt infer feeds float32 and int64 inputs only");
        };
    }

    private static float[] asFloats(TensorSignature sig, RawTensor t, String model) {
        if (t.floats() != null) {
            return t.floats();
        }
        float[] f = new float[t.longs().length];
        for (int i = 0; i < f.length; i++) {
            f[i] = t.longs()[i];
        }
        return f;
    }

    private static long[] asLongs(TensorSignature sig, RawTensor t, String model) {
        if (t.longs() != null) {
            return t.longs();
        }
        long[] l = new long[t.floats().length];
        for (int i = 0; i < l.length; i++) {
            if (t.floats()[i] != Math.rint(t.floats()[i])) {
                throw new CardException("--input " + sig.name() + " holds " + t.floats()[i] + " but " + model + " takes int64; save integer values");
            }
            l[i] = (long) t.floats()[i];
        }
        return l;
    }

    private static RawTensor read(String name, OnnxValue value, String model) throws OrtException {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new CardException("output '" + name + "' of " + model + " is not a tensor; chunkrt infer writes tensors only");
        }
        long[] shape = tensor.getInfo().getShape();
        ElementType type = OnnxSessions.elementType(tensor.getInfo().type);
        return switch (type) {
            case FLOAT32 -> {
                FloatBuffer b = tensor.getFloatBuffer();
                float[] data = new float[b.remaining()];
                b.get(data);
                yield RawTensor.ofFloats(name, shape, data);
            }
            case INT64 -> {
                LongBuffer b = tensor.getLongBuffer();
                long[] data = new long[b.remaining()];
                b.get(data);
                yield RawTensor.ofLongs(name, shape, data);
            }
            default -> throw new CardException("output '" + name + "' of " + model + " is " + type.name().toLowerCase() + "; chunkrt infer writes float32 and int64 outputs only");
        };
    }

    public List<String> outputNames() {
        return new ArrayList<>(outputs().keySet());
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}

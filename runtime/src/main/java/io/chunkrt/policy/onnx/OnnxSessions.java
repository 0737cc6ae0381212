package io.chunkrt.policy.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.chunkrt.card.CardException;
import io.chunkrt.onnxfile.OnnxModelFile;
import io.chunkrt.policy.ElementType;
import io.chunkrt.policy.TensorSignature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Opens ONNX Runtime sessions and reports their signatures in runtime terms. */
public final class OnnxSessions {
    private OnnxSessions() {}

    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * Opens {@code model} from its path, so external-data files next to it load too.
     *
     * @param intraOpThreads threads one run may use; 0 lets ONNX Runtime choose
     */
    public static OrtSession open(Path model, int intraOpThreads) {
        if (!Files.isRegularFile(model)) {
            throw new CardException("model file '" + model + "' does not exist; give the path of an .onnx file");
        }
        // our own parse names a truncated file or a missing external-data file precisely, where ONNX Runtime
        // only says that protobuf parsing failed
        OnnxModelFile.read(model).requireExternalDataFiles();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            return environment().createSession(model.toString(), options);
        } catch (OrtException e) {
            String first = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new CardException("model file '" + model.getFileName() + "' cannot be loaded by ONNX Runtime: " + first
                    + "; check that the file is complete (re-download or re-export it)", e);
        }
    }

    public static Map<String, TensorSignature> inputs(OrtSession session) {
        try {
            return signatures(session.getInputInfo());
        } catch (OrtException e) {
            throw new CardException("cannot read the model's inputs: " + e.getMessage(), e);
        }
    }

    public static Map<String, TensorSignature> outputs(OrtSession session) {
        try {
            return signatures(session.getOutputInfo());
        } catch (OrtException e) {
            throw new CardException("cannot read the model's outputs: " + e.getMessage(), e);
        }
    }

    private static Map<String, TensorSignature> signatures(Map<String, NodeInfo> infos) {
        Map<String, TensorSignature> out = new LinkedHashMap<>();
        for (NodeInfo info : infos.values()) {
            if (info.getInfo() instanceof TensorInfo t) {
                out.put(info.getName(), new TensorSignature(info.getName(), elementType(t.type), t.getShape()));
            } else {
                out.put(info.getName(), new TensorSignature(info.getName(), ElementType.OTHER, new long[0]));
            }
        }
        return out;
    }

    static ElementType elementType(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> ElementType.FLOAT32;
            case DOUBLE -> ElementType.FLOAT64;
            case FLOAT16 -> ElementType.FLOAT16;
            case INT64 -> ElementType.INT64;
            case INT32 -> ElementType.INT32;
            case UINT8 -> ElementType.UINT8;
            case BOOL -> ElementType.BOOL;
            default -> ElementType.OTHER;
        };
    }
}

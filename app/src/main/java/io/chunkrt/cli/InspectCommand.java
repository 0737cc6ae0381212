package io.chunkrt.cli;

import io.chunkrt.card.CardLoader;
import io.chunkrt.card.InputSpec;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.onnxfile.OnnxModelFile;
import io.chunkrt.onnxfile.OnnxOpsetImport;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.TensorSignature;
import io.chunkrt.policy.onnx.OnnxPolicies;
import io.chunkrt.policy.onnx.RawOnnxModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code chunkrt inspect}: what a model takes and gives, or whether a card fits its model. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show an ONNX model's inputs, outputs, opset, producer, metadata_props and external data, "
                + "or validate a policy card against its model.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "an .onnx model or a policy card (.yaml)")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (isCard(file)) {
            inspectCard(out);
        } else {
            inspectModel(file, out);
        }
        out.flush();
        return 0;
    }

    static boolean isCard(Path file) {
        String name = file.getFileName().toString().toLowerCase();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private void inspectCard(PrintWriter out) {
        PolicyCard card = CardLoader.load(file);
        out.printf("card     %s (%s, kind %s)%n", file, card.name(), card.kind().name().toLowerCase());
        inspectModel(card.model().file(), out);
        try (Policy policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults())) {
            out.println("card inputs");
            for (InputSpec in : policy.card().inputs()) {
                out.printf("  %-28s %-6s %s history %d, %s%n", in.name(), in.type().name().toLowerCase(),
                        TensorSignature.shapeText(in.onnxShape()), in.history(), in.normalization().name().toLowerCase());
            }
            out.printf("card output%n  %-28s horizon %d x %d joints, %s, %s%n", card.output().name(), card.output().horizon(),
                    card.output().actionDim(), card.output().semantics().name().toLowerCase(), card.output().normalization().name().toLowerCase());
            out.println("validation: OK (names, types, shapes, stats and sha256 match the model)");
        }
    }

    static void inspectModel(Path model, PrintWriter out) {
        OnnxModelFile proto = OnnxModelFile.read(model);
        out.printf("model    %s (%d bytes)%n", model, sizeOf(model));
        out.printf("format   ir_version %d, producer %s %s%n", proto.irVersion(), blank(proto.producerName()), proto.producerVersion());
        StringBuilder opsets = new StringBuilder();
        for (OnnxOpsetImport o : proto.opsetImports()) {
            opsets.append(opsets.isEmpty() ? "" : ", ").append(o.domain().isEmpty() ? "ai.onnx" : o.domain()).append(' ').append(o.version());
        }
        out.printf("opset    %s%n", opsets);
        try (RawOnnxModel session = new RawOnnxModel(model, 1)) {
            out.println("inputs");
            printSignatures(session.inputs(), out);
            out.println("outputs");
            printSignatures(session.outputs(), out);
        }
        if (proto.metadataProps().isEmpty()) {
            out.println("metadata_props: none");
        } else {
            out.println("metadata_props");
            for (Map.Entry<String, String> e : proto.metadataProps().entrySet()) {
                out.printf("  %s = %s%n", e.getKey(), e.getValue());
            }
        }
        if (proto.externalDataFiles().isEmpty()) {
            out.println("external data: none");
        } else {
            Path dir = model.toAbsolutePath().getParent();
            for (String f : proto.externalDataFiles()) {
                Path p = dir.resolve(f);
                out.printf("external data: %s (%s)%n", f, Files.isRegularFile(p) ? sizeOf(p) + " bytes" : "MISSING");
            }
        }
        if (!proto.inputs().isEmpty() && proto.inputs().stream().anyMatch(i -> i.tensorType().isEmpty())) {
            out.println("note: some graph inputs have no tensor type in the file");
        }
    }

    private static void printSignatures(Map<String, TensorSignature> sigs, PrintWriter out) {
        for (TensorSignature s : sigs.values()) {
            out.printf("  %-28s %-8s %s%n", s.name(), s.type().name().toLowerCase(), s.shapeText());
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? "(unknown)" : s;
    }
}

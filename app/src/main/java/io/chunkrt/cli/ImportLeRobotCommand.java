package io.chunkrt.cli;

import io.chunkrt.card.CardLoader;
import io.chunkrt.lerobot.CardRequest;
import io.chunkrt.lerobot.LeRobotCardWriter;
import io.chunkrt.lerobot.LeRobotCheckpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chunkrt import-lerobot}: writes a policy card from a LeRobot checkpoint and its ONNX export. */
@Command(name = "import-lerobot", mixinStandardHelpOptions = true,
        description = "Write a policy card from a LeRobot checkpoint (v0.4+ processor files or the legacy model.safetensors buffers).")
final class ImportLeRobotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHECKPOINT_DIR", description = "folder with config.json (pretrained_model/)")
    Path checkpoint;

    @Option(names = "--onnx", required = true, paramLabel = "MODEL.onnx", description = "the policy exported to ONNX")
    Path onnx;

    @Option(names = "--out", required = true, paramLabel = "CARD.yaml", description = "where to write the card")
    Path out;

    @Option(names = "--joints", split = ",", paramLabel = "NAME", description = "joint names in state/action order (default joint_0, joint_1, ...)")
    List<String> joints = new ArrayList<>();

    @Option(names = "--name", description = "card name (default: the checkpoint folder's name)")
    String name;

    @Option(names = "--control-hz", defaultValue = "50", description = "controller rate written to rates.control_hz (default ${DEFAULT-VALUE})")
    double controlHz;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LeRobotCheckpoint ckpt = LeRobotCheckpoint.read(checkpoint);
        CardRequest request = CardRequest.of(name != null ? name : ckpt.name(), onnx).withControlHz(controlHz);
        if (!joints.isEmpty()) {
            request = request.withJoints(joints);
        }
        LeRobotCardWriter.write(ckpt, request, out);
        // the card must load as written: parse it back (hash included) before reporting success
        CardLoader.load(out);
        PrintWriter console = spec.commandLine().getOut();
        console.printf("wrote %s from %s (%s layout, policy type %s); check it with: chunkrt inspect %s%n",
                out, checkpoint, ckpt.layout().name().toLowerCase(), ckpt.policyType(), out);
        console.flush();
        return 0;
    }
}

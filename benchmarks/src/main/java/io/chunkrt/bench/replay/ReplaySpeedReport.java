package io.chunkrt.bench.replay;

import io.chunkrt.bench.BenchPaths;
import io.chunkrt.card.CardLoader;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.policy.ActionChunk;
import io.chunkrt.policy.Policy;
import io.chunkrt.policy.onnx.OnnxPolicies;
import io.chunkrt.replay.bag.RosBag;
import io.chunkrt.replay.bag.Rosbag2Writer;
import io.chunkrt.replay.engine.RecordedEpisode;
import io.chunkrt.replay.engine.ReplayEngine;
import io.chunkrt.replay.engine.ReplayProgress;
import io.chunkrt.replay.engine.ReplayRecording;
import io.chunkrt.replay.engine.ReplayResult;
import io.chunkrt.replay.engine.ReplaySettings;
import io.chunkrt.replay.hdf5.AlohaEpisode;
import io.chunkrt.replay.hdf5.AlohaRecordedEpisode;
import io.chunkrt.replay.record.FlightRecorder;
import io.chunkrt.ros.record.BagFlightLog;
import io.chunkrt.ros.replay.BagRecordedEpisode;
import io.chunkrt.ros.replay.BagTopicChoice;
import io.chunkrt.tensorfile.NpyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * How fast a replay runs against real time, for the ACT-like policy with ACT temporal ensembling at 50 Hz (a 100-step
 * chunk inferred every step), with the baseline measured in the same run: the bare policy evaluation per step (the
 * network through ONNX Runtime on one thread, no fusion, executor, safety or reading). Replays the models/ torch
 * episode (200 frames, 3.98 s) from its HDF5 file, from an MCAP bag of it, and from the HDF5 file while writing a
 * flight recording. Usage: java -cp benchmarks.jar io.chunkrt.bench.replay.ReplaySpeedReport [measured replays, default 20]
 */
public final class ReplaySpeedReport {
    private ReplaySpeedReport() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path models = BenchPaths.models();
        PolicyCard card = CardLoader.load(models.resolve("act_like/card.yaml"));
        Path hdf5 = models.resolve("replay_episode/episode_0.hdf5");
        Path tmp = Files.createTempDirectory("chunkrt-replay-bench");
        try {
            Path bag = tmp.resolve("episode_bag");
            replayHdf5(card, hdf5, bag); // writes the bag this benchmark replays
            ReplaySettings settings = ReplaySettings.defaults(card.execution());
            System.out.printf("act_like, temporal ensembling (a policy call every step), 50 Hz, episode of 200 frames (3.98 s); %d cores, %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));

            double inferNs = bareInferenceNs(models.resolve("act_like"), card, 20 * 200 * runs / 10, 20 * 200 * runs / 10);
            Row fromHdf5 = measure("replay from HDF5", runs, () -> replayHdf5(card, hdf5, null));
            Row fromBag = measure("replay from MCAP bag", runs, () -> replayBag(card, bag, settings));
            int[] k = {0};
            Row recording = measure("replay from HDF5 + flight recording", runs, () -> replayHdf5(card, hdf5, tmp.resolve("rec" + k[0]++)));

            double stepNs = 20e6;
            System.out.printf("%nbaseline: bare act_like inference %.3f ms per step -> at most %.1fx real time if inference were all a replay did%n",
                    inferNs / 1e6, stepNs / inferNs);
            System.out.println("                                        x real time (median, min..max)   wall per step   / bare inference");
            for (Row r : new Row[] {fromHdf5, fromBag, recording}) {
                System.out.printf("  %-36s %8.1fx (%5.1f .. %5.1f)          %7.3f ms        %5.2f%n", r.name, r.medianSpeed, r.minSpeed, r.maxSpeed,
                        r.medianStepNs / 1e6, r.medianStepNs / inferNs);
            }
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Row(String name, double medianSpeed, double minSpeed, double maxSpeed, double medianStepNs) {}

    /** Warms up with a third as many replays, then measures {@code runs}. */
    private static Row measure(String name, int runs, Supplier<ReplayResult> replay) {
        for (int i = 0; i < Math.max(3, runs / 3); i++) {
            replay.get();
        }
        double[] speed = new double[runs];
        double[] step = new double[runs];
        for (int i = 0; i < runs; i++) {
            ReplayResult r = replay.get();
            if (r.loopCounters().get(LoopCounter.CHUNKS_ACCEPTED) != 199 || r.commands().count() != 200) {
                throw new IllegalStateException(name + ": the replay did not run every step: " + r.loopCounters());
            }
            speed[i] = r.speedFactor();
            step[i] = (double) r.wallNs() / r.commands().count();
        }
        Arrays.sort(speed);
        Arrays.sort(step);
        return new Row(name, speed[runs / 2], speed[0], speed[runs - 1], step[runs / 2]);
    }

    private static ReplayResult replayHdf5(PolicyCard card, Path hdf5, Path recordTo) {
        ReplaySettings settings = ReplaySettings.defaults(card.execution());
        try (AlohaRecordedEpisode episode = new AlohaRecordedEpisode(AlohaEpisode.open(hdf5), card, 50, Map.of())) {
            if (recordTo == null) {
                return ReplayEngine.run(card, episode, settings);
            }
            ReplayRecording plan = ReplayRecording.plan(episode.layout(), card);
            FlightRecorder recorder = plan.start(new BagFlightLog(recordTo, Rosbag2Writer.Options.defaults()));
            try {
                return ReplayEngine.run(card, episode, settings, ReplayProgress.NONE, plan);
            } finally {
                recorder.close();
            }
        }
    }

    private static ReplayResult replayBag(PolicyCard card, Path bagDir, ReplaySettings settings) {
        try (RosBag bag = RosBag.open(bagDir);
                RecordedEpisode episode = BagRecordedEpisode.open(bag, card, BagTopicChoice.choose(bag.info(), card, null, Map.of()))) {
            return ReplayEngine.run(card, episode, settings);
        }
    }

    /** Mean ns of policy.infer on act_like's reference observation, one ONNX Runtime thread, after warm-up. */
    private static double bareInferenceNs(Path dir, PolicyCard card, int warmup, int measured) throws Exception {
        try (Policy policy = OnnxPolicies.open(card, OnnxPolicies.Options.defaults().withThreads(1))) {
            for (int i = 0; i < policy.observation().size(); i++) {
                policy.observation().putRaw(i, NpyReader.read(dir.resolve("reference/input." + policy.observation().spec(i).name() + ".npy")).toFloatArray());
            }
            ActionChunk chunk = policy.newChunk();
            for (int i = 0; i < warmup; i++) {
                policy.infer(chunk);
            }
            long start = System.nanoTime();
            for (int i = 0; i < measured; i++) {
                policy.infer(chunk);
            }
            return (double) (System.nanoTime() - start) / measured;
        }
    }
}

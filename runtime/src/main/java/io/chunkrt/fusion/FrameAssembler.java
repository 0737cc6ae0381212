package io.chunkrt.fusion;

import io.chunkrt.card.InputSpec;
import io.chunkrt.card.InputType;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.fusion.image.ImagePreprocessor;
import io.chunkrt.policy.CardNormalizers;
import io.chunkrt.policy.ObservationTensors;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Builds the policy's observation (state history and images) from the streams, on the inference thread, without
 * allocation: {@link #build} checks readiness, aligns the history steps, pins the selected samples and writes
 * normalized values straight into the network's input buffers.
 *
 * <p>Alignment follows Diffusion Policy's real-robot {@code get_obs}: with n = n_obs_steps and period dt (the
 * card's policy period unless given), the target times are {@code t0 - (n-1-k) dt} for steps k = 0 (oldest)
 * .. n-1 (newest), and each stream contributes its last sample at or before each target time (by sample time, so
 * out-of-order arrival does not matter). {@code t0} is the newest time every stream has reached, the smallest of
 * the streams' newest sample times ({@link AlignmentMode#ALIGNED}), or each stream's own newest time
 * ({@link AlignmentMode#LATEST}). An input with a shorter history than n uses the newest steps.
 *
 * <p>A frame is built only when every stream the card needs has data, its newest message was accepted, it is not
 * stale, its history is covered and has no gap; otherwise the reason is counted, {@code out} is left exactly as it
 * was (every check happens before the first write) and {@code build} returns false.
 */
public final class FrameAssembler {
    private static final int ATTEMPTS = 3;

    private final AlignmentMode mode;
    private final long stepPeriodNs;
    private final int steps;
    private final Participant[] participants;
    private final StateInput[] stateInputs;
    private final ImageInput[] imageInputs;
    private final List<InputSpec> inputs;
    private final AtomicLongArray faultCounts = new AtomicLongArray(FrameFault.values().length + 1);
    private final int builtIndex = FrameFault.values().length;
    private volatile FrameFault lastFault;
    private volatile String lastFaultStream;
    private Participant faultAt;
    private long anchorNs;

    /** Aligns history steps at the card's policy period. */
    public FrameAssembler(PolicyCard card, ObservationStreams streams, AlignmentMode mode) {
        this(card, streams, mode, card.rates().policyPeriodNs());
    }

    /**
     * @param stepPeriodNs spacing of history steps: the frame period the policy was trained with (Diffusion Policy's
     *                     {@code dt = 1 / frequency}, a LeRobot dataset's {@code 1 / fps})
     */
    public FrameAssembler(PolicyCard card, ObservationStreams streams, AlignmentMode mode, long stepPeriodNs) {
        if (stepPeriodNs <= 0) {
            throw new FusionConfigException("history step period is " + stepPeriodNs + " ns; expected > 0 (the policy's observation period)");
        }
        this.mode = mode;
        this.stepPeriodNs = stepPeriodNs;
        this.steps = card.nObsSteps();
        this.inputs = card.inputs();
        List<Participant> parts = new ArrayList<>();
        List<StateInput> states = new ArrayList<>();
        List<ImageInput> images = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            InputSpec in = inputs.get(i);
            String where = "card " + card.displayName() + " input '" + in.name() + "'";
            if (in.type() == InputType.STATE) {
                Participant[] source = new Participant[in.joints().size()];
                int[] element = new int[source.length];
                for (int j = 0; j < source.length; j++) {
                    String joint = in.joints().get(j);
                    ObservationStream s = streams.stateSource(joint);
                    if (s == null) {
                        throw new FusionConfigException(where + " needs '" + joint + "', which no stream provides (state streams: "
                                + streams.describeStateElements() + "); add it to a joint-state or scalar stream, or fix the card's joints");
                    }
                    source[j] = participant(parts, s);
                    element[j] = source[j].state.names.indexOf(joint);
                }
                states.add(new StateInput(i, in.history(), source, element));
            } else {
                ObservationStream s;
                try {
                    s = streams.stream(in.camera());
                } catch (FusionConfigException e) {
                    throw new FusionConfigException(where + " reads camera '" + in.camera() + "', which is not registered (cameras: "
                            + streams.cameraNames() + "); register it or fix the card's camera");
                }
                if (!(s instanceof CameraStream camera)) {
                    throw new FusionConfigException(where + " reads camera '" + in.camera() + "', but that stream is a " + ObservationStreams.kind(s) + " stream");
                }
                ImagePreprocessor pre;
                try {
                    pre = new ImagePreprocessor(camera.width(), camera.height(), in.image(), CardNormalizers.forInput(card, in));
                } catch (IllegalArgumentException e) {
                    throw new FusionConfigException(where + " (camera '" + camera.name() + "', " + camera.width() + "x" + camera.height() + "): " + e.getMessage());
                }
                images.add(new ImageInput(i, in.history(), participant(parts, camera), pre));
            }
        }
        for (Participant p : parts) {
            if (p.ring.depth < steps + 1) {
                throw new FusionConfigException("stream '" + p.ring.streamName + "' keeps " + p.ring.depth + " samples but card " + card.displayName()
                        + " stacks " + steps + " observation steps, which pin up to " + steps + " slots while the producer needs one more; set its depth to at least "
                        + (steps + 1) + " (and enough to span " + (steps - 1) + " step periods at the stream's rate)");
            }
        }
        this.participants = parts.toArray(new Participant[0]);
        this.stateInputs = states.toArray(new StateInput[0]);
        this.imageInputs = images.toArray(new ImageInput[0]);
    }

    private Participant participant(List<Participant> parts, ObservationStream s) {
        for (Participant p : parts) {
            if (p.stream == s) {
                return p;
            }
        }
        Participant p = new Participant(s, steps);
        parts.add(p);
        return p;
    }

    /**
     * Builds the observation for {@code nowNs} (the clock receive times are on) into {@code out}, the tensors of
     * this assembler's card. Returns false, counts the reason and leaves {@code out} untouched when a frame cannot
     * be built.
     */
    public boolean build(long nowNs, ObservationTensors out) {
        if (out.size() != inputs.size() || (out.spec(0) != inputs.get(0) && !out.spec(0).equals(inputs.get(0)))) {
            throw new IllegalArgumentException("these observation tensors were made for another card; build them from the assembler's card");
        }
        int attempt = 0;
        while (true) {
            FrameFault fault = select(nowNs);
            if (fault != null) {
                return fail(fault);
            }
            if (pinSelected()) {
                break;
            }
            unpinAll();
            if (++attempt == ATTEMPTS) {
                faultAt = null;
                return fail(FrameFault.CONTENDED);
            }
        }
        for (ImageInput in : imageInputs) {
            Participant p = in.camera;
            for (int k = steps - in.history; k < steps; k++) {
                if (!in.preprocessor.accepts(p.camera.encodings[p.selected[k]])) {
                    unpinAll();
                    faultAt = p;
                    return fail(FrameFault.WRONG_ENCODING);
                }
            }
        }
        for (StateInput in : stateInputs) {
            writeState(in, out);
        }
        for (ImageInput in : imageInputs) {
            writeImage(in, out);
        }
        unpinAll();
        out.stampNs(anchorNs);
        faultCounts.setRelease(builtIndex, faultCounts.getPlain(builtIndex) + 1);
        lastFault = null;
        lastFaultStream = null;
        return true;
    }

    /** Snapshots every stream, checks readiness and selects a slot per stream and step; null when all is well. */
    private FrameFault select(long nowNs) {
        long anchor = Long.MAX_VALUE;
        for (Participant p : participants) {
            SampleRing ring = p.ring;
            int epoch = ring.epoch();
            int valid = 0;
            long newestTime = Long.MIN_VALUE;
            long newestReceive = Long.MIN_VALUE;
            for (int s = 0; s < ring.depth; s++) {
                int st = ring.snapshot(s, epoch, p.time, p.receive);
                p.seenState[s] = st;
                if (st != -1) {
                    valid++;
                    newestTime = Math.max(newestTime, p.time[s]);
                    newestReceive = Math.max(newestReceive, p.receive[s]);
                }
            }
            faultAt = p;
            if (valid == 0) {
                return FrameFault.NO_DATA;
            }
            if (ring.counters.lastStatus() != IngestStatus.ACCEPTED) {
                return FrameFault.INPUT_REJECTED;
            }
            if (nowNs - newestReceive > ring.settings.staleNs()) {
                return FrameFault.STALE;
            }
            if (newestReceive - nowNs > ring.settings.futureToleranceNs()) {
                return FrameFault.CLOCK_JUMP;
            }
            p.newestTime = newestTime;
            anchor = Math.min(anchor, newestTime);
        }
        anchorNs = anchor;
        for (Participant p : participants) {
            faultAt = p;
            long base = mode == AlignmentMode.ALIGNED ? anchor : p.newestTime;
            for (int k = 0; k < steps; k++) {
                long target = base - (steps - 1 - k) * stepPeriodNs;
                int best = -1;
                long bestTime = 0;
                for (int s = 0; s < p.ring.depth; s++) {
                    if (p.seenState[s] == -1) {
                        continue;
                    }
                    long t = p.time[s];
                    if (t <= target && (best < 0 || t > bestTime || (t == bestTime && p.receive[s] > p.receive[best]))) {
                        best = s;
                        bestTime = t;
                    }
                }
                if (best < 0) {
                    return FrameFault.HISTORY_NOT_COVERED;
                }
                if (target - bestTime > p.ring.settings.staleNs()) {
                    return FrameFault.ALIGNMENT_GAP;
                }
                p.selected[k] = best;
                p.selectedTime[k] = bestTime;
            }
        }
        faultAt = null;
        return null;
    }

    private boolean pinSelected() {
        for (Participant p : participants) {
            for (int k = 0; k < steps; k++) {
                int s = p.selected[k];
                if (!p.pinned[s]) {
                    if (!p.ring.pin(s, p.seenState[s])) {
                        return false;
                    }
                    p.pinned[s] = true;
                }
            }
        }
        return true;
    }

    private void unpinAll() {
        for (Participant p : participants) {
            for (int s = 0; s < p.ring.depth; s++) {
                if (p.pinned[s]) {
                    p.ring.unpin(s, p.seenState[s]);
                    p.pinned[s] = false;
                }
            }
        }
    }

    private void writeState(StateInput in, ObservationTensors out) {
        final int width = in.source.length;
        for (int h = 0; h < in.history; h++) {
            int k = steps - in.history + h;
            for (int j = 0; j < width; j++) {
                Participant p = in.source[j];
                int slot = p.selected[k];
                in.raw[h * width + j] = (float) p.state.values[slot * p.state.width + in.element[j]];
            }
        }
        out.putRaw(in.index, in.raw);
    }

    private void writeImage(ImageInput in, ObservationTensors out) {
        FloatBuffer tensor = out.tensor(in.index);
        Participant p = in.camera;
        int size = in.preprocessor.outputSize();
        for (int h = 0; h < in.history; h++) {
            int k = steps - in.history + h;
            int slot = p.selected[k];
            if (h > 0 && slot == p.selected[k - 1]) {
                // the same frame serves two steps: copy the floats instead of preprocessing again
                tensor.put(h * size, in.view(tensor), (h - 1) * size, size);
            } else {
                in.preprocessor.process(p.camera.pixels[slot], p.camera.encodings[slot], tensor, h * size);
            }
        }
    }

    private boolean fail(FrameFault fault) {
        int i = fault.ordinal();
        faultCounts.setRelease(i, faultCounts.getPlain(i) + 1);
        lastFaultStream = faultAt == null ? null : faultAt.ring.streamName;
        lastFault = fault;
        return false;
    }

    // ------------------------------------------------------------ diagnostics (any thread)

    /** Frames built. */
    public long built() {
        return faultCounts.getAcquire(builtIndex);
    }

    /** Frames not built for {@code fault}. */
    public long faults(FrameFault fault) {
        return faultCounts.getAcquire(fault.ordinal());
    }

    /** Why the last call did not build a frame, or null when it did. */
    public FrameFault lastFault() {
        return lastFault;
    }

    /** The stream the last fault was found at, or null. */
    public String lastFaultStream() {
        return lastFaultStream;
    }

    // ------------------------------------------------------------ selection (inference thread)

    /** History steps per frame, n_obs_steps. */
    public int steps() {
        return steps;
    }

    public AlignmentMode mode() {
        return mode;
    }

    /** The newest aligned time of the last selection (the frame's stamp when built). */
    public long anchorNs() {
        return anchorNs;
    }

    /** Sample time the last selection took from {@code stream} for step {@code step} (0 = oldest). */
    public long selectedTimeNs(String stream, int step) {
        for (Participant p : participants) {
            if (p.ring.streamName.equals(stream)) {
                return p.selectedTime[step];
            }
        }
        throw new IllegalArgumentException("stream '" + stream + "' does not feed this card");
    }

    /** Per-stream bookkeeping of one build, preallocated. */
    private static final class Participant {
        final ObservationStream stream;
        final SampleRing ring;
        final StateValues state;
        final CameraStream camera;
        final int[] seenState;
        final long[] time;
        final long[] receive;
        final boolean[] pinned;
        final int[] selected;
        final long[] selectedTime;
        long newestTime;

        Participant(ObservationStream stream, int steps) {
            this.stream = stream;
            switch (stream) {
                case JointStateStream j -> {
                    state = j.state;
                    camera = null;
                    ring = j.state.ring;
                }
                case ScalarStream c -> {
                    state = c.state;
                    camera = null;
                    ring = c.state.ring;
                }
                case CameraStream c -> {
                    state = null;
                    camera = c;
                    ring = c.ring;
                }
            }
            int depth = ring.depth;
            seenState = new int[depth];
            time = new long[depth];
            receive = new long[depth];
            pinned = new boolean[depth];
            selected = new int[steps];
            selectedTime = new long[steps];
        }
    }

    private static final class StateInput {
        final int index;
        final int history;
        final Participant[] source;
        final int[] element;
        final float[] raw;

        StateInput(int index, int history, Participant[] source, int[] element) {
            this.index = index;
            this.history = history;
            this.source = source;
            this.element = element;
            this.raw = new float[history * source.length];
        }
    }

    private static final class ImageInput {
        final int index;
        final int history;
        final Participant camera;
        final ImagePreprocessor preprocessor;
        private FloatBuffer viewOf;
        private FloatBuffer view;

        ImageInput(int index, int history, Participant camera, ImagePreprocessor preprocessor) {
            this.index = index;
            this.history = history;
            this.camera = camera;
            this.preprocessor = preprocessor;
        }

        /** A second view of the tensor to copy within it (made once per tensor buffer). */
        FloatBuffer view(FloatBuffer tensor) {
            if (viewOf != tensor) {
                viewOf = tensor;
                view = tensor.duplicate();
            }
            return view;
        }
    }
}

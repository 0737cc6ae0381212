package io.chunkrt.fusion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streams of one robot, registered at start-up: arms, scalar signals and cameras by name. The ROS bridge looks
 * its streams up here and offers messages to them; a {@link FrameAssembler} binds a card's inputs to them. Every
 * state element name (joint, gripper, wrench axis) belongs to exactly one stream.
 */
public final class ObservationStreams {
    private final Map<String, ObservationStream> byName;

    private ObservationStreams(Map<String, ObservationStream> byName) {
        this.byName = byName;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<ObservationStream> all() {
        return List.copyOf(byName.values());
    }

    public ObservationStream stream(String name) {
        ObservationStream s = byName.get(name);
        if (s == null) {
            throw new FusionConfigException("no stream named '" + name + "'; registered streams are " + byName.keySet());
        }
        return s;
    }

    public JointStateStream jointStates(String name) {
        return typed(name, JointStateStream.class, "joint-state");
    }

    public ScalarStream scalars(String name) {
        return typed(name, ScalarStream.class, "scalar");
    }

    public CameraStream camera(String name) {
        return typed(name, CameraStream.class, "camera");
    }

    private <T extends ObservationStream> T typed(String name, Class<T> type, String what) {
        ObservationStream s = stream(name);
        if (!type.isInstance(s)) {
            throw new FusionConfigException("stream '" + name + "' is a " + kind(s) + " stream, not a " + what + " stream");
        }
        return type.cast(s);
    }

    static String kind(ObservationStream s) {
        return switch (s) {
            case JointStateStream j -> "joint-state";
            case ScalarStream c -> "scalar";
            case CameraStream c -> "camera";
        };
    }

    /** The state stream that provides element {@code name} (a joint or scalar name), or null. */
    ObservationStream stateSource(String name) {
        for (ObservationStream s : byName.values()) {
            List<String> names = switch (s) {
                case JointStateStream j -> j.joints();
                case ScalarStream c -> c.elements();
                case CameraStream c -> List.of();
            };
            if (names.contains(name)) {
                return s;
            }
        }
        return null;
    }

    /** Every state element with its stream, for messages. */
    String describeStateElements() {
        List<String> parts = new ArrayList<>();
        for (ObservationStream s : byName.values()) {
            switch (s) {
                case JointStateStream j -> parts.add(j.name() + ": " + j.joints());
                case ScalarStream c -> parts.add(c.name() + ": " + c.elements());
                case CameraStream c -> { }
            }
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    List<String> cameraNames() {
        List<String> out = new ArrayList<>();
        for (ObservationStream s : byName.values()) {
            if (s instanceof CameraStream c) {
                out.add(c.name());
            }
        }
        return out;
    }

    public static final class Builder {
        private final Map<String, ObservationStream> streams = new LinkedHashMap<>();
        private final Map<String, String> elementOwner = new LinkedHashMap<>();

        private Builder() {}

        /** An arm: a joint-state topic providing these joints (its messages may list them in any order, plus others). */
        public Builder jointStates(String name, List<String> joints, StreamSettings settings) {
            claimElements(name, joints, "joint");
            return add(new JointStateStream(name, joints, settings));
        }

        /** A scalar signal with these element names, in the order its messages carry the values. */
        public Builder scalars(String name, List<String> elements, StreamSettings settings) {
            claimElements(name, elements, "element");
            return add(new ScalarStream(name, elements, settings));
        }

        /** A camera delivering frames of exactly {@code width} x {@code height}. */
        public Builder camera(String name, int width, int height, StreamSettings settings) {
            return add(new CameraStream(name, width, height, settings));
        }

        public ObservationStreams build() {
            if (streams.isEmpty()) {
                throw new FusionConfigException("no streams registered; add at least one joint-state, scalar or camera stream");
            }
            return new ObservationStreams(new LinkedHashMap<>(streams));
        }

        private void claimElements(String stream, List<String> names, String what) {
            if (names.isEmpty()) {
                throw new FusionConfigException("stream '" + stream + "' provides no " + what + "s; list at least one");
            }
            List<String> seen = new ArrayList<>();
            for (String n : names) {
                if (n == null || n.isBlank()) {
                    throw new FusionConfigException("stream '" + stream + "' lists a blank " + what + " name; give every " + what + " a name");
                }
                if (seen.contains(n)) {
                    throw new FusionConfigException("stream '" + stream + "' lists " + what + " '" + n + "' twice; list each once");
                }
                seen.add(n);
                String owner = elementOwner.get(n);
                if (owner != null) {
                    throw new FusionConfigException(what + " '" + n + "' is provided by both stream '" + owner + "' and stream '" + stream
                            + "'; each state element must come from one stream, remove it from one of them");
                }
            }
            for (String n : names) {
                elementOwner.put(n, stream);
            }
        }

        private Builder add(ObservationStream s) {
            if (streams.containsKey(s.name())) {
                throw new FusionConfigException("stream name '" + s.name() + "' is registered twice; give each stream its own name");
            }
            streams.put(s.name(), s);
            return this;
        }
    }
}

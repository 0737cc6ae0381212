package io.chunkrt.ros.replay;

import io.chunkrt.card.PolicyCard;
import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.bag.BagTopic;
import io.chunkrt.replay.bag.MessageCursor;
import io.chunkrt.replay.bag.RosBag;
import io.chunkrt.replay.bag.TopicMessageCount;
import io.chunkrt.replay.engine.EpisodeLayout;
import io.chunkrt.replay.engine.EpisodeReceiver;
import io.chunkrt.replay.engine.RecordedEpisode;
import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.SampleFault;
import io.chunkrt.ros.msg.CompressedImageCodec;
import io.chunkrt.ros.msg.CompressedImageMessage;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.Float64MultiArrayMessage;
import io.chunkrt.ros.msg.ImageCodec;
import io.chunkrt.ros.msg.ImageMessage;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.msg.JointTrajectoryCodec;
import io.chunkrt.ros.msg.JointTrajectoryMessage;
import io.chunkrt.ros.msg.MessageCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rosbag2 bag as a replay source: its CDR messages decoded with the bridge's codecs (the ones the live node uses)
 * into joint-state samples, camera frames and recorded actions, in log-time order. The receive time of a message
 * is its log time; its sample time its header stamp. A message that does not decode is reported as malformed and
 * skipped; damage that ends the bag early (a truncated MCAP) ends the episode there and is named by
 * {@link #problems()}.
 *
 * <p>Each joint-state topic becomes a stream providing the joints its first message names, minus those an earlier
 * topic already provides. A camera's frame size is its first message's.
 */
public final class BagRecordedEpisode implements RecordedEpisode {
    private static final int MAX_JOINTS = 256;
    private static final PixelEncoding[] FUSION_ENCODING = new PixelEncoding[io.chunkrt.ros.msg.PixelEncoding.values().length];

    static {
        for (io.chunkrt.ros.msg.PixelEncoding e : io.chunkrt.ros.msg.PixelEncoding.values()) {
            FUSION_ENCODING[e.ordinal()] = PixelEncoding.fromRosName(e.rosName());
        }
    }

    private enum Kind { JOINTS, IMAGE, COMPRESSED, ACTION_JOINTS, ACTION_ARRAY, ACTION_TRAJECTORY }

    /** What to do with one topic's messages. */
    private static final class Route {
        final String topic;
        final Kind kind;
        final int index;
        String[] names = new String[0];
        int[] actionColumn = new int[0];
        String[] columnsFor;
        ByteBuffer frame;

        Route(String topic, Kind kind, int index) {
            this.topic = topic;
            this.kind = kind;
            this.index = index;
        }
    }

    private final RosBag bag;
    private final EpisodeLayout layout;
    private final MessageCursor cursor;
    private final Map<String, Route> routes;
    private final Map<BagTopic, Route> routeCache = new IdentityHashMap<>();
    private final CdrReader reader = new CdrReader();
    private final JointStateMessage joints = new JointStateMessage(MAX_JOINTS);
    private final Float64MultiArrayMessage array = new Float64MultiArrayMessage(MAX_JOINTS, 8);
    private final JointTrajectoryMessage trajectory = new JointTrajectoryMessage(MAX_JOINTS, 64);
    private final ImageMessage image;
    private final CompressedImageMessage compressed;
    private final List<String> actionJoints;
    private final double[] actionValues;
    private byte[] scratch = new byte[64 * 1024];
    private boolean pending;

    private BagRecordedEpisode(RosBag bag, EpisodeLayout layout, Map<String, Route> routes, int maxImageBytes, int maxCompressedBytes) {
        this.bag = bag;
        this.layout = layout;
        this.routes = routes;
        this.image = new ImageMessage(maxImageBytes);
        this.compressed = new CompressedImageMessage(maxCompressedBytes);
        this.actionJoints = layout.actionJoints();
        this.actionValues = new double[Math.max(1, actionJoints.size())];
        for (Route r : routes.values()) {
            if (r.kind == Kind.IMAGE) {
                r.frame = ByteBuffer.wrap(image.data());
            } else if (r.kind == Kind.COMPRESSED) {
                r.frame = ByteBuffer.wrap(compressed.data());
            }
        }
        this.cursor = bag.messages(routes.keySet());
        this.pending = cursor.next();
    }

    /**
     * Opens the episode: reads the first message of each chosen topic (joint names, frame sizes, action layout), then
     * streams every message of those topics.
     */
    public static BagRecordedEpisode open(RosBag bag, PolicyCard card, BagTopicChoice choice) {
        Set<String> selected = new LinkedHashSet<>(choice.jointTopics());
        selected.addAll(choice.cameraTopics().values());
        if (choice.actionTopic() != null) {
            selected.add(choice.actionTopic());
        }
        Map<String, String> types = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        for (TopicMessageCount t : bag.info().topics()) {
            types.put(t.topic().name(), t.topic().type());
            counts.put(t.topic().name(), t.messageCount());
        }
        Map<String, String> faults = new HashMap<>();
        Map<String, FirstMessage> first = firstMessages(bag, selected, types, faults);
        long startNs = Long.MAX_VALUE;
        for (FirstMessage f : first.values()) {
            startNs = Math.min(startNs, f.logTimeNs);
        }
        if (startNs == Long.MAX_VALUE) {
            throw new RecordingException("bag '" + bag.path() + "' holds no readable message on " + selected + (bag.problems().isEmpty() ? ""
                    : "; " + bag.problems().getFirst()));
        }
        long endNs = Math.max(startNs, bag.info().endNs());
        long span = endNs - startNs;
        Map<String, Route> routes = new LinkedHashMap<>();
        List<EpisodeLayout.JointSource> jointSources = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (String topic : choice.jointTopics()) {
            FirstMessage f = first.get(topic);
            if (f == null) {
                continue;
            }
            List<String> provides = new ArrayList<>();
            for (String n : f.names) {
                if (claimed.add(n)) {
                    provides.add(n);
                }
            }
            if (provides.isEmpty()) {
                continue;
            }
            routes.put(topic, new Route(topic, Kind.JOINTS, jointSources.size()));
            jointSources.add(new EpisodeLayout.JointSource(topic, provides, period(span, counts.get(topic))));
        }
        List<EpisodeLayout.CameraSource> cameras = new ArrayList<>();
        int maxImage = 1024;
        int maxCompressed = 1024;
        for (Map.Entry<String, String> c : choice.cameraTopics().entrySet()) {
            FirstMessage f = first.get(c.getValue());
            if (f == null) {
                throw new RecordingException("camera topic '" + c.getValue() + "' of bag '" + bag.path() + "' has no decodable message"
                        + (faults.containsKey(c.getValue()) ? "; its first one: " + faults.get(c.getValue()) : ""));
            }
            boolean raw = types.get(c.getValue()).equals(BagTopicChoice.IMAGE);
            routes.put(c.getValue(), new Route(c.getValue(), raw ? Kind.IMAGE : Kind.COMPRESSED, cameras.size()));
            cameras.add(new EpisodeLayout.CameraSource(c.getKey(), f.width, f.height, period(span, counts.get(c.getValue())), !raw));
            if (raw) {
                maxImage = Math.max(maxImage, Math.max(f.bytes, f.width * f.height * 4));
            } else {
                maxCompressed = Math.max(maxCompressed, Math.max(4 * f.bytes, f.width * f.height * 4));
            }
        }
        List<String> actionJoints = List.of();
        if (choice.actionTopic() != null) {
            String topic = choice.actionTopic();
            String type = types.get(topic);
            FirstMessage f = first.get(topic);
            Kind kind = type.equals(BagTopicChoice.JOINT_STATE) ? Kind.ACTION_JOINTS
                    : type.equals(BagTopicChoice.FLOAT64_MULTI_ARRAY) ? Kind.ACTION_ARRAY : Kind.ACTION_TRAJECTORY;
            if (f != null) {
                if (kind == Kind.ACTION_ARRAY) {
                    if (f.bytes != card.output().actionDim()) {
                        throw new RecordingException("action topic '" + topic + "' carries " + f.bytes + " values per message but card "
                                + card.displayName() + " commands " + card.output().actionDim() + " joints; a Float64MultiArray action"
                                + " must list the card's output joints in order");
                    }
                    actionJoints = card.output().joints();
                } else {
                    actionJoints = f.names;
                }
                routes.put(topic, new Route(topic, kind, 0));
            }
        }
        String description = "bag " + bag.path().getFileName() + " (" + bag.info().storageId() + ", " + routes.size() + " topics)";
        EpisodeLayout layout = new EpisodeLayout(description, startNs, endNs, jointSources, cameras, actionJoints);
        return new BagRecordedEpisode(bag, layout, routes, maxImage, maxCompressed);
    }

    private static long period(long spanNs, Long count) {
        return count == null || count < 2 ? 0 : spanNs / (count - 1);
    }

    /** The first message of a topic: its log time, names (joint topics), frame size (cameras) or value count. */
    private static final class FirstMessage {
        final long logTimeNs;
        List<String> names = List.of();
        int width;
        int height;
        int bytes;
        String fault = "";

        FirstMessage(long logTimeNs) {
            this.logTimeNs = logTimeNs;
        }
    }

    private static Map<String, FirstMessage> firstMessages(RosBag bag, Set<String> topics, Map<String, String> types, Map<String, String> faults) {
        Map<String, FirstMessage> found = new HashMap<>();
        CdrReader in = new CdrReader();
        JointStateMessage js = new JointStateMessage(MAX_JOINTS);
        JointTrajectoryMessage jt = new JointTrajectoryMessage(MAX_JOINTS, 64);
        Float64MultiArrayMessage fa = new Float64MultiArrayMessage(MAX_JOINTS, 8);
        Set<String> missing = new HashSet<>(topics);
        try (MessageCursor c = bag.messages(topics)) {
            while (!missing.isEmpty() && c.next()) {
                String topic = c.topic().name();
                if (!missing.contains(topic)) {
                    continue;
                }
                byte[] data = c.payloadCopy();
                FirstMessage f = new FirstMessage(c.logTimeNs());
                String type = types.get(topic);
                SampleFault fault;
                if (type.equals(BagTopicChoice.JOINT_STATE)) {
                    fault = JointStateCodec.INSTANCE.decode(in, data, 0, data.length, js);
                    List<String> names = new ArrayList<>();
                    for (int i = 0; fault == SampleFault.NONE && i < js.nameCount(); i++) {
                        names.add(js.name(i).toString());
                    }
                    f.names = names;
                } else if (type.equals(BagTopicChoice.JOINT_TRAJECTORY)) {
                    fault = JointTrajectoryCodec.INSTANCE.decode(in, data, 0, data.length, jt);
                    List<String> names = new ArrayList<>();
                    for (int i = 0; fault == SampleFault.NONE && i < jt.jointCount(); i++) {
                        names.add(jt.jointName(i).toString());
                    }
                    f.names = names;
                } else if (type.equals(BagTopicChoice.FLOAT64_MULTI_ARRAY)) {
                    fault = Float64MultiArrayCodec.INSTANCE.decode(in, data, 0, data.length, fa);
                    f.bytes = fa.dataLength();
                } else if (type.equals(BagTopicChoice.IMAGE)) {
                    ImageMessage im = new ImageMessage(data.length);
                    fault = ImageCodec.INSTANCE.decode(in, data, 0, data.length, im);
                    f.width = (int) im.width;
                    f.height = (int) im.height;
                    f.bytes = im.dataLength();
                } else {
                    CompressedImageMessage cm = new CompressedImageMessage(data.length);
                    fault = CompressedImageCodec.INSTANCE.decode(in, data, 0, data.length, cm);
                    int[] size = CompressedSize.of(cm.data(), cm.dataLength());
                    f.width = size[0];
                    f.height = size[1];
                    f.bytes = cm.dataLength();
                    if (fault == SampleFault.NONE && size[0] <= 0) {
                        fault = SampleFault.INCONSISTENT_LENGTHS;
                        f.fault = "not a JPEG or PNG image whose size can be read";
                    }
                }
                if (fault == SampleFault.NONE) {
                    found.put(topic, f);
                    missing.remove(topic);
                } else {
                    faults.putIfAbsent(topic, f.fault.isEmpty() ? fault.meaning() : f.fault);
                }
            }
        }
        return found;
    }

    @Override
    public EpisodeLayout layout() {
        return layout;
    }

    @Override
    public long peekTimeNs() {
        return pending ? cursor.logTimeNs() : Long.MAX_VALUE;
    }

    @Override
    public boolean next(EpisodeReceiver receiver) {
        if (!pending) {
            return false;
        }
        BagTopic t = cursor.topic();
        Route route = routeCache.get(t);
        if (route == null) {
            route = routes.get(t.name());
            routeCache.put(t, route);
        }
        if (route != null) {
            deliver(route, cursor.logTimeNs(), cursor.payload(), receiver);
        }
        pending = cursor.next();
        return true;
    }

    private void deliver(Route r, long logTimeNs, ByteBuffer payload, EpisodeReceiver receiver) {
        byte[] data;
        int offset;
        int length = payload.remaining();
        if (payload.hasArray()) {
            data = payload.array();
            offset = payload.arrayOffset() + payload.position();
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            payload.get(payload.position(), scratch, 0, length);
            data = scratch;
            offset = 0;
        }
        SampleFault fault = switch (r.kind) {
            case JOINTS, ACTION_JOINTS -> decode(JointStateCodec.INSTANCE, data, offset, length, joints);
            case IMAGE -> decode(ImageCodec.INSTANCE, data, offset, length, image);
            case COMPRESSED -> decode(CompressedImageCodec.INSTANCE, data, offset, length, compressed);
            case ACTION_ARRAY -> decode(Float64MultiArrayCodec.INSTANCE, data, offset, length, array);
            case ACTION_TRAJECTORY -> decode(JointTrajectoryCodec.INSTANCE, data, offset, length, trajectory);
        };
        if (fault != SampleFault.NONE) {
            receiver.malformed(r.topic, logTimeNs, fault.meaning());
            return;
        }
        switch (r.kind) {
            case JOINTS -> {
                if (joints.positionCount() != joints.nameCount()) {
                    receiver.malformed(r.topic, logTimeNs, "joint state without positions");
                    return;
                }
                String[] names = names(r, joints);
                receiver.jointState(r.index, joints.header.stamp.toNanos(), logTimeNs, names, joints.nameCount(), joints.positions());
            }
            case IMAGE -> {
                io.chunkrt.ros.msg.PixelEncoding e = image.pixelEncoding();
                r.frame.limit(image.dataLength()).position(0);
                receiver.image(r.index, image.header.stamp.toNanos(), logTimeNs, e == null ? null : FUSION_ENCODING[e.ordinal()], (int) image.width,
                        (int) image.height, (int) image.step, image.isBigEndian != 0, r.frame);
            }
            case COMPRESSED -> {
                r.frame.limit(compressed.dataLength()).position(0);
                receiver.compressedImage(r.index, compressed.header.stamp.toNanos(), logTimeNs, r.frame);
            }
            case ACTION_JOINTS -> {
                if (joints.positionCount() != joints.nameCount()) {
                    receiver.malformed(r.topic, logTimeNs, "joint state without positions");
                    return;
                }
                pick(r, names(r, joints), joints.nameCount(), joints.positions());
                receiver.action(joints.header.stamp.toNanos(), logTimeNs, actionValues, actionJoints.size());
            }
            case ACTION_ARRAY -> {
                if (array.dataLength() != actionJoints.size()) {
                    receiver.malformed(r.topic, logTimeNs, array.dataLength() + " values instead of " + actionJoints.size());
                    return;
                }
                receiver.action(0, logTimeNs, array.data(), array.dataLength());
            }
            case ACTION_TRAJECTORY -> {
                if (trajectory.pointCount() == 0 || trajectory.point(0).positionCount() != trajectory.jointCount()) {
                    receiver.malformed(r.topic, logTimeNs, "trajectory without a first point of positions");
                    return;
                }
                String[] names = trajectoryNames(r);
                pick(r, names, trajectory.jointCount(), trajectory.point(0).positions());
                receiver.action(trajectory.header.stamp.toNanos(), logTimeNs, actionValues, actionJoints.size());
            }
        }
    }

    private <M> SampleFault decode(MessageCodec<M> codec, byte[] data, int offset, int length, M into) {
        return codec.decode(reader, data, offset, length, into);
    }

    /** The message's names as Strings, reusing the route's array while they stay the same (no allocation then). */
    private static String[] names(Route r, JointStateMessage m) {
        int n = m.nameCount();
        if (!same(r.names, n, m)) {
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = m.name(i).toString();
            }
            r.names = names;
        }
        return r.names;
    }

    private static boolean same(String[] cached, int n, JointStateMessage m) {
        if (cached.length != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!m.name(i).contentEquals(cached[i])) {
                return false;
            }
        }
        return true;
    }

    private String[] trajectoryNames(Route r) {
        int n = trajectory.jointCount();
        boolean same = r.names.length == n;
        for (int i = 0; same && i < n; i++) {
            same = trajectory.jointName(i).contentEquals(r.names[i]);
        }
        if (!same) {
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = trajectory.jointName(i).toString();
            }
            r.names = names;
        }
        return r.names;
    }

    /** Recorded values by name into the layout's action order (NaN for a joint the message lacks). */
    private void pick(Route r, String[] names, int count, double[] values) {
        if (names != r.columnsFor) {
            r.actionColumn = new int[actionJoints.size()];
            for (int j = 0; j < actionJoints.size(); j++) {
                r.actionColumn[j] = -1;
                for (int i = 0; i < count; i++) {
                    if (names[i].equals(actionJoints.get(j))) {
                        r.actionColumn[j] = i;
                        break;
                    }
                }
            }
            r.columnsFor = names;
        }
        for (int j = 0; j < actionJoints.size(); j++) {
            int i = r.actionColumn[j];
            actionValues[j] = i >= 0 ? values[i] : Double.NaN;
        }
    }

    @Override
    public List<String> problems() {
        List<String> all = new ArrayList<>(cursor.problems());
        for (String p : bag.problems()) {
            if (!all.contains(p)) {
                all.add(p);
            }
        }
        return all;
    }

    @Override
    public void close() {
        cursor.close();
    }
}

package io.chunkrt.fusion;

import java.util.List;

/**
 * The joint positions of one arm (a sensor_msgs/JointState topic). The stream provides a fixed list of joints;
 * each message's names are mapped onto that list by name, in any order. A publisher sends the same names every
 * time, so the mapping is resolved once and re-resolved only when the names change (compared by reference, then
 * by value: no allocation). Extra names in a message are ignored.
 */
public final class JointStateStream implements ObservationStream {
    private final String name;
    private final StreamSettings settings;
    final StateValues state;
    // producer side: the last message's names and the mapping they resolved to
    private String[] cachedNames;
    private int cachedCount = -1;
    private final int[] messageIndexOfJoint;
    private IngestStatus mappingStatus = IngestStatus.ACCEPTED;

    JointStateStream(String name, List<String> joints, StreamSettings settings) {
        this.name = name;
        this.settings = settings;
        this.state = new StateValues(name, joints, settings);
        this.messageIndexOfJoint = new int[joints.size()];
        this.cachedNames = new String[Math.max(64, 2 * joints.size())];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StreamSettings settings() {
        return settings;
    }

    @Override
    public IngestCounters counters() {
        return state.ring.counters;
    }

    /** The joints this stream provides, in its own order. */
    public List<String> joints() {
        return state.names;
    }

    @Override
    public IngestStatus reject(IngestStatus reason) {
        return state.ring.reject(reason);
    }

    /** {@link #offer(long, long, String[], int, double[], int)} with whole arrays. */
    public IngestStatus offer(long stampNs, long receiveNs, String[] names, double[] positions) {
        return offer(stampNs, receiveNs, names, names.length, positions, positions.length);
    }

    /**
     * Offers one message; the arrays are read during the call only. Rejected (and counted) when names and
     * positions differ in count, a name repeats, a provided joint is missing, or a provided position is not finite.
     *
     * @param stampNs   header stamp, 0 when the publisher left it unset (the receive time is used instead)
     * @param receiveNs when the message arrived, on the clock the frame assembler is given
     */
    public IngestStatus offer(long stampNs, long receiveNs, String[] names, int nameCount, double[] positions, int positionCount) {
        if (nameCount != positionCount || nameCount > names.length || positionCount > positions.length) {
            return state.ring.reject(IngestStatus.LENGTH_MISMATCH);
        }
        if (!sameNames(names, nameCount)) {
            resolve(names, nameCount);
        }
        if (mappingStatus != IngestStatus.ACCEPTED) {
            return state.ring.reject(mappingStatus);
        }
        return state.store(stampNs, receiveNs, positions, messageIndexOfJoint);
    }

    private boolean sameNames(String[] names, int count) {
        if (count != cachedCount) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            String n = names[i];
            String c = cachedNames[i];
            if (n != c && (n == null || !n.equals(c))) {
                return false;
            }
        }
        return true;
    }

    /** Maps the stream's joints to message indices; runs only when the names change. */
    private void resolve(String[] names, int count) {
        if (count > cachedNames.length) {
            cachedNames = new String[count];
        }
        System.arraycopy(names, 0, cachedNames, 0, count);
        cachedCount = count;
        mappingStatus = IngestStatus.ACCEPTED;
        for (int i = 0; i < count && mappingStatus == IngestStatus.ACCEPTED; i++) {
            for (int k = 0; k < i; k++) {
                if (names[i] != null && names[i].equals(names[k])) {
                    mappingStatus = IngestStatus.DUPLICATE_JOINT;
                    break;
                }
            }
        }
        if (mappingStatus != IngestStatus.ACCEPTED) {
            return;
        }
        List<String> joints = state.names;
        for (int j = 0; j < joints.size(); j++) {
            messageIndexOfJoint[j] = -1;
            for (int i = 0; i < count; i++) {
                if (joints.get(j).equals(names[i])) {
                    messageIndexOfJoint[j] = i;
                    break;
                }
            }
            if (messageIndexOfJoint[j] < 0) {
                mappingStatus = IngestStatus.MISSING_JOINT;
                return;
            }
        }
    }
}

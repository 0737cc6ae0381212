package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.RosString;
import java.util.List;

/**
 * Finds a fixed list of joints (e.g. a card's state joints) in JointState messages whose name order is the
 * publisher's, without allocating: the index of each wanted joint in the message. The last layout is
 * remembered and only verified (n comparisons) while publishers keep their order; a new order is searched
 * again (n x m comparisons).
 */
public final class JointNameMap {
    private final RosString[] wanted;
    private final int[] cached;

    public JointNameMap(List<String> wantedJoints) {
        wanted = new RosString[wantedJoints.size()];
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = RosString.of(wantedJoints.get(i));
        }
        cached = new int[wanted.length];
        java.util.Arrays.fill(cached, -1);
    }

    public int size() {
        return wanted.length;
    }

    /**
     * Fills {@code indexInMessage[i]} with the position of wanted joint i in {@code message}, or -1 when the
     * message does not name it.
     *
     * @return how many wanted joints the message names
     */
    public int resolve(JointStateMessage message, int[] indexInMessage) {
        int n = message.nameCount();
        boolean same = true;
        for (int i = 0; i < wanted.length && same; i++) {
            int k = cached[i];
            same = k >= 0 && k < n && message.name(k).contentEquals(wanted[i]);
        }
        int found = 0;
        if (same) {
            System.arraycopy(cached, 0, indexInMessage, 0, wanted.length);
            return wanted.length;
        }
        for (int i = 0; i < wanted.length; i++) {
            int at = -1;
            for (int k = 0; k < n; k++) {
                if (message.name(k).contentEquals(wanted[i])) {
                    at = k;
                    break;
                }
            }
            indexInMessage[i] = at;
            cached[i] = at;
            if (at >= 0) {
                found++;
            }
        }
        return found;
    }
}

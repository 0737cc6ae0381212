package io.chunkrt.replay.engine;

import java.util.List;

/**
 * Where each of a fixed list of joints sits in a message that names its joints: resolved when the names change
 * (compared by reference, then by value) and reused otherwise, so a source that hands over the same names every time
 * costs nothing. Single thread.
 */
final class JointOrder {
    private final String[] joints;
    private final int[] messageIndex;
    private String[] lastNames;
    private final String[] lastCopy;
    private int lastCount = -1;
    private int found;

    JointOrder(List<String> joints, int maxNames) {
        this.joints = joints.toArray(new String[0]);
        this.messageIndex = new int[this.joints.length];
        this.lastCopy = new String[Math.max(maxNames, this.joints.length)];
    }

    int size() {
        return joints.length;
    }

    /** Resolves {@code names[0, count)}; returns how many of the joints the message names. */
    int resolve(String[] names, int count) {
        if (names == lastNames && count == lastCount && same(names, count)) {
            return found;
        }
        found = 0;
        for (int j = 0; j < joints.length; j++) {
            messageIndex[j] = -1;
            for (int i = 0; i < count; i++) {
                if (joints[j].equals(names[i])) {
                    messageIndex[j] = i;
                    found++;
                    break;
                }
            }
        }
        lastNames = names;
        lastCount = count;
        if (count <= lastCopy.length) {
            System.arraycopy(names, 0, lastCopy, 0, count);
        } else {
            lastCount = -1; // too many names to remember: resolve every time
        }
        return found;
    }

    private boolean same(String[] names, int count) {
        for (int i = 0; i < count; i++) {
            if (names[i] != lastCopy[i] && !names[i].equals(lastCopy[i])) {
                return false;
            }
        }
        return true;
    }

    /** Index in the last resolved message of joint {@code j}, or -1 when it is not named. */
    int messageIndex(int j) {
        return messageIndex[j];
    }
}

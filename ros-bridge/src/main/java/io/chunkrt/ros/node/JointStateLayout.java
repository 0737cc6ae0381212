package io.chunkrt.ros.node;

import io.chunkrt.ros.params.ParameterException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which joint-state topic provides which joints, learned from each topic's first message at start-up (an arm's
 * joint_state_broadcaster always publishes the same names). A joint goes to the first topic, in
 * {@code joint_states.topics} order, that names it.
 *
 * @param topics per topic, in parameter order
 */
record JointStateLayout(List<TopicJoints> topics) {
    /**
     * @param stateJoints    the card's state joints this topic provides (fed to a fusion stream), in card order
     * @param measuredJoints the commanded joints this topic provides (the control thread's measured positions)
     */
    record TopicJoints(String topic, List<String> stateJoints, List<String> measuredJoints) {}

    JointStateLayout {
        topics = List.copyOf(topics);
    }

    /**
     * @param firstNames the joint names in each topic's first message, topics in parameter order
     * @param stateJoints every joint the card's state inputs read
     * @param commanded   every commanded joint
     */
    static JointStateLayout assign(List<String> topics, List<List<String>> firstNames, List<String> stateJoints, List<String> commanded) {
        Set<String> assigned = new LinkedHashSet<>();
        List<TopicJoints> out = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            List<String> names = firstNames.get(t);
            List<String> state = new ArrayList<>();
            List<String> measured = new ArrayList<>();
            for (String j : stateJoints) {
                if (names.contains(j) && !state.contains(j) && !claimedElsewhere(out, j, true)) {
                    state.add(j);
                }
            }
            for (String j : commanded) {
                if (names.contains(j) && !claimedElsewhere(out, j, false)) {
                    measured.add(j);
                }
            }
            if (state.isEmpty() && measured.isEmpty()) {
                throw new ParameterException("joint_states topic " + topics.get(t) + " publishes " + names + ", none of which the card reads or the controllers command "
                        + commanded + " (or an earlier topic already provides them); remove it from joint_states.topics or fix the joint names");
            }
            assigned.addAll(state);
            assigned.addAll(measured);
            out.add(new TopicJoints(topics.get(t), state, measured));
        }
        List<String> missing = new ArrayList<>();
        for (String j : stateJoints) {
            if (!assigned.contains(j) && !missing.contains(j)) {
                missing.add(j);
            }
        }
        for (String j : commanded) {
            if (!assigned.contains(j) && !missing.contains(j)) {
                missing.add(j);
            }
        }
        if (!missing.isEmpty()) {
            StringBuilder seen = new StringBuilder();
            for (int t = 0; t < topics.size(); t++) {
                seen.append(t == 0 ? "" : ", ").append(topics.get(t)).append(' ').append(firstNames.get(t));
            }
            throw new ParameterException("no joint_states topic publishes joint(s) " + missing + " that the card reads or the controllers command; the topics publish "
                    + seen + "; add the topic that carries them to joint_states.topics or fix the joint names");
        }
        return new JointStateLayout(out);
    }

    private static boolean claimedElsewhere(List<TopicJoints> earlier, String joint, boolean state) {
        for (TopicJoints t : earlier) {
            if (state ? t.stateJoints().contains(joint) : t.measuredJoints().contains(joint)) {
                return true;
            }
        }
        return false;
    }
}

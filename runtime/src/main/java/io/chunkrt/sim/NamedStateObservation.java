package io.chunkrt.sim;

import io.chunkrt.card.InputSpec;
import io.chunkrt.card.InputType;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.control.ObservationSource;
import io.chunkrt.policy.ObservationTensors;
import java.util.List;
import java.util.Map;

/**
 * The observation of a simulated task: the card's single state input assembled by name from the arm's
 * joints ({@code joint names -> arm index}) and fixed task values (e.g. the reach target as {@code target_i}).
 * Runs on the inference thread; allocation-free after construction.
 */
public final class NamedStateObservation implements ObservationSource {
    private final SimulatedArm arm;
    private final int[] armIndex;
    private final double[] fixedValues;
    private final double[] positions;
    private final float[] raw;

    public NamedStateObservation(PolicyCard card, SimulatedArm arm, List<String> armJoints, Map<String, Double> taskValues) {
        if (card.inputs().size() != 1 || card.inputs().getFirst().type() != InputType.STATE || card.inputs().getFirst().history() != 1) {
            throw new IllegalArgumentException("card " + card.displayName() + " needs exactly one state input with history 1 for the simulated task");
        }
        InputSpec in = card.inputs().getFirst();
        this.arm = arm;
        this.armIndex = new int[in.joints().size()];
        this.fixedValues = new double[in.joints().size()];
        for (int i = 0; i < armIndex.length; i++) {
            String name = in.joints().get(i);
            armIndex[i] = armJoints.indexOf(name);
            if (armIndex[i] < 0) {
                Double v = taskValues.get(name);
                if (v == null) {
                    throw new IllegalArgumentException("card " + card.displayName() + " state joint '" + name + "' is neither an arm joint "
                            + armJoints + " nor a task value " + taskValues.keySet());
                }
                fixedValues[i] = v;
            }
        }
        this.positions = new double[arm.joints()];
        this.raw = new float[armIndex.length];
    }

    @Override
    public boolean fill(ObservationTensors out, long nowNs) {
        long stamp = arm.snapshot(positions);
        if (stamp == Long.MIN_VALUE) {
            return false;
        }
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) (armIndex[i] >= 0 ? positions[armIndex[i]] : fixedValues[i]);
        }
        out.putRaw(0, raw);
        out.stampNs(stamp);
        return true;
    }
}

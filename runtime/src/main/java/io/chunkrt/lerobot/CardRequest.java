package io.chunkrt.lerobot;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

/**
 * What the caller of {@link LeRobotCardWriter} decides that a checkpoint cannot tell: the card's name, the ONNX
 * file the card is for, the joint names, the control rate and, when the model has several outputs, which one is
 * the action.
 *
 * @param name the card's {@code name}
 * @param onnxModel the exported ONNX model; it must exist, its SHA-256 goes into the card
 * @param joints names of the state and action dimensions in vector order; empty means {@code joint_0..joint_{D-1}}
 * @param controlHz rate of commands to the controller
 * @param outputName the ONNX output holding the action (or noise/velocity prediction); "" means the model's only
 *                   output
 */
public record CardRequest(String name, Path onnxModel, List<String> joints, double controlHz, String outputName) {
    /** ALOHA's control rate, which LeRobot's ACT and diffusion recipes were trained at. */
    public static final double DEFAULT_CONTROL_HZ = 50;

    public CardRequest {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("card name '" + name + "' is empty or holds control characters;"
                    + " pass a one-line label such as act_aloha");
        }
        if (onnxModel == null) {
            throw new IllegalArgumentException("card for '" + name + "' needs the ONNX model path; got null");
        }
        joints = List.copyOf(joints);
        if (joints.stream().anyMatch(String::isBlank) || new HashSet<>(joints).size() != joints.size()) {
            throw new IllegalArgumentException("joint names " + joints + " must be non-empty and distinct");
        }
        if (!(controlHz > 0) || Double.isInfinite(controlHz)) {
            throw new IllegalArgumentException("control rate " + controlHz + " Hz must be positive and finite");
        }
        if (outputName == null) {
            throw new IllegalArgumentException("output name is null; use \"\" for the model's only output");
        }
    }

    /** A request with default joint names, the default control rate and the model's only output. */
    public static CardRequest of(String name, Path onnxModel) {
        return new CardRequest(name, onnxModel, List.of(), DEFAULT_CONTROL_HZ, "");
    }

    public CardRequest withJoints(List<String> jointNames) {
        return new CardRequest(name, onnxModel, jointNames, controlHz, outputName);
    }

    public CardRequest withControlHz(double hz) {
        return new CardRequest(name, onnxModel, joints, hz, outputName);
    }

    public CardRequest withOutputName(String onnxOutput) {
        return new CardRequest(name, onnxModel, joints, controlHz, onnxOutput);
    }
}

package io.chunkrt.lerobot;

/** Where a LeRobot checkpoint keeps its normalization statistics. */
public enum CheckpointLayout {
    /** LeRobot 0.4 and later: policy_preprocessor.json / policy_postprocessor.json name normalizer state files. */
    PROCESSOR_PIPELINE,
    /** LeRobot 0.3 and earlier: {@code normalize_inputs.buffer_*} tensors inside model.safetensors. */
    LEGACY_BUFFERS
}

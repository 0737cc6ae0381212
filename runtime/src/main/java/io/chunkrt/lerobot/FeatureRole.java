package io.chunkrt.lerobot;

/** Whether a feature is fed to the policy or produced by it; the two are normalized by different modules. */
enum FeatureRole {
    INPUT, OUTPUT
}

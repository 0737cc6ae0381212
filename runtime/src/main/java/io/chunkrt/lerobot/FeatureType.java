package io.chunkrt.lerobot;

/** LeRobot's {@code FeatureType}: what a policy feature carries. */
public enum FeatureType {
    STATE, VISUAL, ENV, ACTION, REWARD, LANGUAGE
}

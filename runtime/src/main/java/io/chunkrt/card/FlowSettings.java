package io.chunkrt.card;

import io.chunkrt.policy.sampling.TimeConvention;

/** A velocity network's Euler integration from noise to actions. */
public record FlowSettings(String sampleInput, String timeInput, int numSteps, TimeConvention timeConvention) {}

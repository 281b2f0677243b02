package org.hourglass.workload;

import org.hourglass.hardware.SpecNode;

/**
 * A long-context extension phase: its own sequence length, global batch and step count (DeepSeek-V3,
 * report 4.3: 32K with batch 1920, then 128K with batch 480, 1000 steps each).
 *
 * @param sequenceLength tokens per sequence
 * @param globalBatchSequences sequences per step
 * @param steps optimizer steps
 */
public record TrainingPhase(int sequenceLength, int globalBatchSequences, int steps) {
  /** Reads {@code {sequenceLength, globalBatchSequences, steps}}. */
  public static TrainingPhase read(SpecNode n) {
    return new TrainingPhase(n.positiveInt("sequenceLength"), n.positiveInt("globalBatchSequences"), n.positiveInt("steps"));
  }

  /** Tokens the phase trains on. */
  public double tokens() {
    return (double) sequenceLength * globalBatchSequences * steps;
  }
}

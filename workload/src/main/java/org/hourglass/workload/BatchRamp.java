package org.hourglass.workload;

import org.hourglass.hardware.SpecNode;
import org.hourglass.sim.InvalidInputException;

/**
 * A global batch that grows from {@code fromSequences} to {@code toSequences} over the first
 * {@code overTokens} tokens, then stays (DeepSeek-V3: 3072 to 15360 over 469B tokens, report 4.2). The
 * growth is taken as linear in tokens; the report does not state the shape.
 *
 * @param fromSequences batch at the start, in sequences
 * @param toSequences batch after the ramp
 * @param overTokens tokens the ramp lasts
 */
public record BatchRamp(int fromSequences, int toSequences, double overTokens) {
  /** Reads {@code {fromSequences, toSequences, overTokens}}. */
  public static BatchRamp read(SpecNode n) {
    BatchRamp ramp = new BatchRamp(n.positiveInt("fromSequences"), n.positiveInt("toSequences"),
        n.nonNegative("overTokens"));
    if (ramp.fromSequences > ramp.toSequences) {
      throw new InvalidInputException(n.fieldPath("fromSequences"), ramp.fromSequences + " exceeds "
          + n.fieldPath("toSequences") + " = " + ramp.toSequences + " (a ramp grows the batch)");
    }
    return ramp;
  }

  /** The global batch in sequences after {@code tokensSeen} tokens. */
  public int sequencesAt(double tokensSeen) {
    if (tokensSeen >= overTokens) {
      return toSequences;
    }
    return (int) Math.round(fromSequences + (toSequences - fromSequences) * tokensSeen / overTokens);
  }
}

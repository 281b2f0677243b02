package org.hourglass.dualpipe;

import java.util.List;

/**
 * Counts a rank's in-flight stage-activations (one micro-batch through one stage) as its ops run:
 * a forward stores one, a backward (B or B*) frees one. In an overlapped pair the forward's
 * activation is counted before the backward frees its own, as both are live while the pair runs.
 */
final class ActivationLedger {
  private int inFlight;
  private int peak;

  /** Applies one op; returns the in-flight count at the op's high point. */
  int apply(Op op) {
    int high = inFlight;
    for (Task task : op.tasks()) {
      if (task.pass() == Pass.FORWARD) {
        inFlight++;
      } else if (task.pass().isBackward()) {
        inFlight--;
      }
      high = Math.max(high, inFlight);
    }
    peak = Math.max(peak, high);
    return high;
  }

  int peak() {
    return peak;
  }

  /** The peak in-flight stage-activations of a rank running {@code ops}. */
  static int peakOf(List<Op> ops) {
    ActivationLedger ledger = new ActivationLedger();
    ops.forEach(ledger::apply);
    return ledger.peak();
  }
}

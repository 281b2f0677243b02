package org.hourglass.parallelism.step;

/**
 * Charges every idle moment of each GPU's compute stream to one reason. The reason can change while
 * the stream stays idle (waiting for stragglers, then for the transfer itself); each change closes
 * the interval so far.
 */
final class IdleLedger {
  private static final IdleReason[] REASONS = IdleReason.values();
  private final long[][] idlePs; // [reason][gpu]
  private final IdleReason[] current;
  private final long[] sincePs;

  IdleLedger(int gpus) {
    idlePs = new long[REASONS.length][gpus];
    current = new IdleReason[gpus];
    sincePs = new long[gpus];
  }

  /** The GPU's compute is idle for {@code reason} from now on (ignored while compute is busy). */
  void update(int gpu, long nowPs, IdleReason reason, boolean computeBusy) {
    if (computeBusy || reason == current[gpu]) {
      return;
    }
    close(gpu, nowPs);
    current[gpu] = reason;
    sincePs[gpu] = nowPs;
  }

  /** The GPU's compute starts working: its idle interval, if any, ends now. */
  void busy(int gpu, long nowPs) {
    close(gpu, nowPs);
    current[gpu] = null;
  }

  /** Ends the step: each GPU idles for its current reason until the step's end. */
  void closeAll(long stepPs) {
    for (int gpu = 0; gpu < current.length; gpu++) {
      close(gpu, stepPs);
      current[gpu] = null;
    }
  }

  private void close(int gpu, long nowPs) {
    if (current[gpu] != null) {
      idlePs[current[gpu].ordinal()][gpu] += nowPs - sincePs[gpu];
    }
  }

  /** Idle picoseconds by reason (ordinal) and GPU. */
  long[][] byReason() {
    return idlePs;
  }
}

package org.hourglass.fp8;

/** What limits a kernel: the largest exposed part of its time. */
public enum Bound {
  /** Useful tensor-core work. */
  COMPUTE,
  /** HBM traffic. */
  MEMORY,
  /** Idle SMs in the last wave and padding of partial tiles. */
  WAVE_QUANTIZATION,
  /** Fixed per-tile and per-launch costs. */
  OVERHEAD;

  /** Lower-case, hyphenated name for output. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}

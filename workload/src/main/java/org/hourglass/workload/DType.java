package org.hourglass.workload;

import java.util.Locale;
import org.hourglass.sim.InvalidInputException;

/** A number format and its storage size in bytes (IEEE 754 and the OCP 8-bit floating point formats). */
public enum DType {
  FP32(4),
  BF16(2),
  FP16(2),
  FP8(1);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes one value occupies. */
  public int bytes() {
    return bytes;
  }

  /** Parses {@code fp32}, {@code bf16}, {@code fp16} or {@code fp8} (also {@code fp8_e4m3}). */
  public static DType parse(String text, String field) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.startsWith("FP8")) {
      return FP8;
    }
    try {
      return valueOf(t);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "unknown dtype '" + text + "' (fp32, bf16, fp16, fp8)");
    }
  }

  /** Lower-case spelling. */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT);
  }
}

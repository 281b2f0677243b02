package org.hourglass.fp8;

import java.util.Locale;
import org.hourglass.sim.InvalidInputException;

/**
 * The input precision of a GEMM. FP8 (E4M3) carries DeepSeek-V3's fine-grained FP32 scale factors
 * (1x128 per activation tile, 128x128 per weight block) and CUDA-core promotion; both write BF16 outputs.
 */
public enum GemmDtype {
  FP8(1),
  BF16(2);

  /** Elements of K per scale factor and per promotion (DeepSeek-V3 report, section 3.3). */
  public static final int SCALE_BLOCK = 128;
  /** Bytes of one FP32 scale factor. */
  public static final int SCALE_BYTES = 4;
  /** Bytes of one BF16 output element. */
  public static final int OUTPUT_BYTES = 2;

  private final int inputBytes;

  GemmDtype(int inputBytes) {
    this.inputBytes = inputBytes;
  }

  /** Bytes of one input element of A or B. */
  public int inputBytes() {
    return inputBytes;
  }

  /** Whether inputs carry fine-grained scale factors. */
  public boolean scaled() {
    return this == FP8;
  }

  /** Parses "fp8" or "bf16", or reports bad input naming {@code field}. */
  public static GemmDtype parse(String text, String field) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "fp8" -> FP8;
      case "bf16" -> BF16;
      default -> throw new InvalidInputException(field, "unknown dtype '" + text + "', use fp8 or bf16");
    };
  }
}

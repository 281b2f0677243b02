package org.hourglass.validation.gpu;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.validation.calibration.Measurement.Shape;

/**
 * What a calibration run measures. GEMM shapes are DeepSeek-V3's, as DeepGEMM's README benchmarks them
 * (github deepseek-ai/DeepGEMM, "Performance"): the dense projections (N, K) at M = 64, 128 and 4096
 * tokens, and the per-expert grouped GEMMs (4 or 8 experts of 8192 or 4096 tokens; 1 to 4 experts of
 * 1024 to 256 tokens). Quick mode keeps one shape per regime and fewer repetitions.
 *
 * @param gemmShapes GEMM shapes, measured in BF16 and FP8
 * @param streamBytes array sizes of the HBM copy and triad
 * @param quantizeTokens token counts of the 1x128 quantization pass (hidden 7168)
 * @param memoryBoundTokens token counts of the memory-bound kernel classes' sweep (hidden 7168; small
 *     counts expose the per-launch floor, large ones the sustained bandwidth)
 * @param warmups untimed launches before timing
 * @param repetitions timed launches
 */
public record BenchmarkPlan(List<Shape> gemmShapes, List<Long> streamBytes, List<Long> quantizeTokens, List<Long> memoryBoundTokens,
    int warmups, int repetitions) {
  /** DeepSeek-V3's hidden size: the K of the quantization pass. */
  public static final int HIDDEN = 7168;

  private static final long[][] DENSE_NK = {{2112, 7168}, {24576, 1536}, {32768, 512}, {7168, 16384}, {4096, 7168}, {7168, 2048}};
  private static final long[][] GROUPED = {{4, 8192, 4096, 7168}, {4, 8192, 7168, 2048}, {8, 4096, 4096, 7168}, {8, 4096, 7168, 2048},
      {1, 1024, 4096, 7168}, {1, 1024, 7168, 2048}, {2, 512, 4096, 7168}, {2, 512, 7168, 2048}, {4, 256, 4096, 7168}, {4, 256, 7168, 2048}};

  /**
   * Llama 3.1 405B's linear layers under TP8 (hidden 16384, 128 query and 8 KV heads of 128, FFN
   * 53248; Llama 3 paper table 3): QKV, output, gate and up together, down, as (N, K).
   */
  private static final long[][] LLAMA_405B_TP8_NK = {{2304, 16384}, {16384, 2048}, {13312, 16384}, {16384, 6656}};

  /**
   * The backward GEMMs of a forward Y[4096 x n] = X[4096 x k] W at 4096 tokens: the input gradient
   * dX = dY W^T is M 4096, N k, K n; the weight gradient dW = X^T dY is M k, N n, K 4096 (tokens).
   */
  private static List<Shape> backward(long n, long k) {
    List<Shape> s = new ArrayList<>();
    if (k % 64 == 0 && n % 128 == 0) {
      s.add(new Shape("dgrad", 1, 4096, k, n));
    }
    s.add(new Shape("wgrad", 1, k, n, 4096));
    return s;
  }

  /** The full plan: every shape, 10 warm-ups, 50 repetitions. */
  public static BenchmarkPlan full() {
    List<Shape> shapes = new ArrayList<>();
    for (long m : new long[] {64, 128, 4096}) {
      for (long[] nk : DENSE_NK) {
        shapes.add(new Shape("dense", 1, m, nk[0], nk[1]));
      }
    }
    for (long[] g : GROUPED) {
      shapes.add(new Shape("grouped", (int) g[0], g[1], g[2], g[3]));
    }
    for (long[] nk : DENSE_NK) {
      shapes.addAll(backward(nk[0], nk[1]));
    }
    for (long[] nk : LLAMA_405B_TP8_NK) {
      shapes.add(new Shape("dense", 1, 4096, nk[0], nk[1]));
      shapes.addAll(backward(nk[0], nk[1]));
    }
    return new BenchmarkPlan(shapes, List.of(1L << 26, 1L << 28, 1L << 30), List.of(128L, 1024L, 4096L, 16384L),
        List.of(16L, 128L, 512L, 2048L, 8192L, 32768L), 10, 50);
  }

  /** The quick plan: a few shapes across the intensity range, 3 warm-ups, 10 repetitions. */
  public static BenchmarkPlan quick() {
    List<Shape> shapes = List.of(new Shape("dense", 1, 64, 7168, 2048), new Shape("dense", 1, 128, 4096, 7168),
        new Shape("dense", 1, 4096, 2112, 7168), new Shape("dense", 1, 4096, 7168, 16384), new Shape("grouped", 4, 256, 4096, 7168));
    return new BenchmarkPlan(shapes, List.of(1L << 28), List.of(128L, 4096L), List.of(16L, 512L, 8192L), 3, 10);
  }
}

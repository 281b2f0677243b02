package org.hourglass.fp8;

import java.util.Arrays;

/**
 * One row of DeepGEMM's published H800 FP8 weight-gradient table (github deepseek-ai/DeepGEMM pull
 * request #95, merged 2025-05-14 as 04278f6): dW[m x n] accumulated in FP32 over k tokens, dense or
 * k-grouped (one launch for {@code groups} experts, each with k tokens on average; the benchmark's
 * spread of k per group is not published, so every group is taken at the average, an assumption).
 */
public record DeepGemmWgradRow(String layout, int groups, long m, long n, long k, double tflops, double gbps)
    implements MeasuredGemm {

  /** Tokens per group as the model runs the row. */
  public long[] tokensPerGroup() {
    long[] tokens = new long[groups];
    Arrays.fill(tokens, k);
    return tokens;
  }

  @Override
  public double flops() {
    return 2.0 * groups * m * n * k;
  }

  @Override
  public double measuredSeconds() {
    return flops() / (tflops * 1e12);
  }

  @Override
  public double predictedSeconds(GemmModel model) {
    return model.groupedWeightGradientSeconds(m, n, tokensPerGroup(), ComputeDevice.H800.sms());
  }

  @Override
  public String toString() {
    return "wgrad " + layout + " g" + groups + " m" + m + " n" + n + " k" + k;
  }
}

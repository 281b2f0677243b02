package org.hourglass.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Pins the derived figures against what the model authors and DeepSeek published. The published
 * numbers are checks here, never inputs to the code under test.
 */
class PublishedFiguresTest {
  private static ParameterCounts counts(String model) {
    return ParameterCounts.of(ModelCatalog.model(model));
  }

  private static double mainModelGflops(String model) {
    return TrainingFlops.of(ModelCatalog.model(model), 4096, Recomputation.NONE).mainModelTotal() / 1e9;
  }

  private static void assertWithin(double published, double measured, double fraction) {
    assertTrue(Math.abs(measured / published - 1) <= fraction, "published " + published + " measured " + measured);
  }

  @Test
  void deepSeekV3TotalsMatchTheReport() {
    ParameterCounts v3 = counts("deepseek-v3");
    assertWithin(671e9, v3.total(), 0.005);
    assertWithin(685e9, v3.checkpointWithMtp(), 0.005);
    // "37B" is given to two significant figures: the count must round to it. "About 14B" is 685B - 671B,
    // a difference of two figures each rounded to 1B, so it is known to within 1B.
    assertEquals(37e9, v3.activated(), 0.5e9);
    assertEquals(14e9, v3.mtpInCheckpoint(), 1e9);
  }

  @Test
  void deepSeekV2TotalsMatchTheReport() {
    ParameterCounts v2 = counts("deepseek-v2");
    assertWithin(236e9, v2.total(), 0.005);
    assertEquals(21e9, v2.activated(), 0.5e9);
  }

  @Test
  void denseAndMixtralTotalsMatchTheirModelCards() {
    assertWithin(405e9, counts("llama-3.1-405b").total(), 0.005);
    assertWithin(72.7e9, counts("qwen-2.5-72b").total(), 0.005);
    assertWithin(70.6e9, counts("llama-3.1-70b").total(), 0.005);
    assertWithin(141e9, counts("mixtral-8x22b").total(), 0.005);
    assertEquals(39e9, counts("mixtral-8x22b").activated(), 0.5e9);
  }

  @Test
  void exactCountReproducesDeepSeeksMoeFiguresAndLlama() {
    assertWithin(250, mainModelGflops("deepseek-v3"), 0.02);
    assertWithin(155, mainModelGflops("deepseek-v2"), 0.02);
    assertWithin(2448, mainModelGflops("llama-3.1-405b"), 0.02);
  }

  @Test
  void kaplanApproximationReproducesDeepSeeksDenseFigures() {
    assertWithin(394, TrainingFlops.kaplanDenseEstimate(ModelCatalog.model("qwen-2.5-72b")) / 1e9, 0.02);
    assertWithin(2448, TrainingFlops.kaplanDenseEstimate(ModelCatalog.model("llama-3.1-405b")) / 1e9, 0.02);
  }

  @Test
  void qwensExactCountIsWellAboveDeepSeeksApproximateFigure() {
    // Qwen-2.5 72B has 70B non-embedding weights, so 6N alone exceeds 394: the published figure cannot
    // come from an exact count. Documented in TrainingFlops.
    double exact = mainModelGflops("qwen-2.5-72b");
    assertTrue(exact > 394 * 1.10 && exact < 394 * 1.20, "exact " + exact);
  }

  @Test
  void kvCacheBytesPerTokenAreExact() {
    assertEquals(70_272, KvCache.bytesPerToken(ModelCatalog.model("deepseek-v3"), DType.BF16));
    assertEquals(327_680, KvCache.bytesPerToken(ModelCatalog.model("qwen-2.5-72b"), DType.BF16));
    assertEquals(516_096, KvCache.bytesPerToken(ModelCatalog.model("llama-3.1-405b"), DType.BF16));
    assertEquals(35_136, KvCache.bytesPerToken(ModelCatalog.model("deepseek-v3"), DType.FP8));
  }
}

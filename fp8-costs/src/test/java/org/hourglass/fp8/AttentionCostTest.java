package org.hourglass.fp8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;

class AttentionCostTest {
  private final AttentionCost h800 = new AttentionCost(ComputeDevice.H800);
  /** DeepSeek-V3 MLA in training: 128 heads, qk 128 + 64 RoPE, v 128, 4096 tokens. */
  private final AttentionShape mla = new AttentionShape(1, 4096, 128, 128, 192, 128, true);

  @Test
  void causalMaskHalvesTheWorkAndTheTime() {
    AttentionShape full = new AttentionShape(1, 4096, 128, 128, 192, 128, false);
    assertEquals(full.forwardFlops() / 2, mla.forwardFlops(), 0);
    assertEquals(h800.forwardSeconds(full) / 2, h800.forwardSeconds(mla), 1e-15);
  }

  @Test
  void mlaForwardFlopsFollowTheMatmuls() {
    assertEquals(2.0 * 128 * 4096.0 * 4096 / 2 * (192 + 128), mla.forwardFlops(), 0);
    assertEquals(2.0 * 128 * 4096.0 * 4096 / 2 * (3 * 192 + 2 * 128), mla.backwardFlops(), 0);
  }

  @Test
  void gqaSharesKvHeadsWithoutChangingFlops() {
    AttentionShape gqa = new AttentionShape(2, 8192, 64, 8, 128, 128, true);
    AttentionShape mha = new AttentionShape(2, 8192, 64, 64, 128, 128, true);
    assertEquals(mha.forwardFlops(), gqa.forwardFlops(), 0);
    assertThrows(InvalidInputException.class, () -> new AttentionShape(1, 1024, 64, 7, 128, 128, true));
  }

  @Test
  void utilisationFollowsThePublishedFa3Points() {
    assertEquals(590.0 / 989, AttentionCost.forwardUtilisation(4096), 1e-12);
    assertEquals(430.0 / 989, AttentionCost.forwardUtilisation(128), 1e-12);
    double between = AttentionCost.forwardUtilisation(3000);
    assertTrue(between > 566.0 / 989 && between < 590.0 / 989);
  }

  @Test
  void flashAttention2RunsAtTheFa3PapersThirtyFivePercentAtEveryLength() {
    AttentionCost fa2 = new AttentionCost(ComputeDevice.H800, AttentionKernel.FLASH_ATTENTION_2);
    assertEquals(0.35 * ComputeDevice.H800.peakBf16FlopsPerSecond(), mla.forwardFlops() / fa2.forwardSeconds(mla), 1e3);
    assertEquals(AttentionKernel.FLASH_ATTENTION_2.forwardUtilisation(512), AttentionKernel.FLASH_ATTENTION_2.forwardUtilisation(16384));
    // the FA3 paper's backward figure at 4K: FlashAttention-3 542 TFLOP/s, FlashAttention-2 310
    assertEquals(542.0 / 310, fa2.backwardSeconds(mla) / h800.backwardSeconds(mla), 1e-9);
    assertEquals(AttentionKernel.FLASH_ATTENTION_3, AttentionKernel.parse("attention", "flash-attention-3"));
    assertThrows(InvalidInputException.class, () -> AttentionKernel.parse("attention", "flash-attention-4"));
  }

  @Test
  void backwardRunsAtTheFa3PapersBackwardFigureSlowerPerFlopThanTheForward() {
    double forwardRate = mla.forwardFlops() / h800.forwardSeconds(mla);
    double backwardRate = mla.backwardFlops() / h800.backwardSeconds(mla);
    assertEquals(542e12 / 989e12 * ComputeDevice.H800.peakBf16FlopsPerSecond(), backwardRate, 1e3);
    assertEquals(316.0 / 989, AttentionKernel.FLASH_ATTENTION_3.backwardUtilisation(256), 1e-12, "flat below 512");
    assertEquals(561.0 / 989, AttentionKernel.FLASH_ATTENTION_3.backwardUtilisation(131072), 1e-12, "flat beyond 16k");
    double between = AttentionKernel.FLASH_ATTENTION_3.backwardUtilisation(3000);
    assertTrue(between > 501.0 / 989 && between < 542.0 / 989, "interpolated between 2k and 4k: " + between);
    for (long seq = 512; seq <= 16384; seq *= 2) {
      assertTrue(AttentionKernel.FLASH_ATTENTION_3.backwardUtilisation(seq) < AttentionKernel.FLASH_ATTENTION_3.forwardUtilisation(seq),
          "backward below forward per FLOP at " + seq);
    }
    assertTrue(forwardRate < ComputeDevice.H800.peakBf16FlopsPerSecond());
  }
}

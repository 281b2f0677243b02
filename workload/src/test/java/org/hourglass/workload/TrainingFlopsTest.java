package org.hourglass.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TrainingFlopsTest {
  private final Architecture v3 = ModelCatalog.model("deepseek-v3");

  @Test
  void backwardIsTwiceForwardWithoutRecomputation() {
    TrainingFlops f = TrainingFlops.of(v3, 4096, Recomputation.NONE);
    for (FlopPart p : FlopPart.values()) {
      assertEquals(2 * f.forward(p), f.backward(p), 1e-6 * f.forward(p) + 1e-9, p.name());
    }
  }

  @Test
  void deepSeekRecomputationAddsExactlyTheMlaUpProjections() {
    TrainingFlops none = TrainingFlops.of(v3, 4096, Recomputation.NONE);
    TrainingFlops ds = TrainingFlops.of(v3, 4096, Recomputation.DEEPSEEK_V3);
    long up = v3.attention().upProjectionWeights();
    assertEquals(1536L * 128 * 192 + 512L * 128 * 256, up);
    assertEquals(2.0 * up * (v3.layers() + v3.mtpDepth()), ds.total() - none.total(), 1.0);
  }

  @Test
  void fullRecomputationAddsOneForwardOfTheBlocks() {
    TrainingFlops none = TrainingFlops.of(v3, 4096, Recomputation.NONE);
    TrainingFlops full = TrainingFlops.of(v3, 4096, Recomputation.FULL);
    double blocksForward = none.forwardTotal() - none.forward(FlopPart.OUTPUT_HEAD) - none.forward(FlopPart.MTP);
    double extra = full.mainModelTotal() - none.mainModelTotal();
    assertEquals(blocksForward, extra, 1e-6 * extra);
  }

  @Test
  void routedExpertsDominateDeepSeekV3() {
    TrainingFlops f = TrainingFlops.of(v3, 4096, Recomputation.NONE);
    assertEquals(2.0 * 8 * 3 * 7168 * 2048 * 58, f.forward(FlopPart.ROUTED_EXPERTS), 1);
    assertTrue(f.forward(FlopPart.ROUTED_EXPERTS) > f.forward(FlopPart.ATTENTION_CORE));
  }

  @Property
  void attentionCoreGrowsLinearlyWithSequenceLength(@ForAll @IntRange(min = 1, max = 200_000) int s) {
    double a = TrainingFlops.of(v3, s, Recomputation.NONE).forward(FlopPart.ATTENTION_CORE);
    double b = TrainingFlops.of(v3, 2 * s + 1, Recomputation.NONE).forward(FlopPart.ATTENTION_CORE);
    assertEquals(2 * a, b, 1e-9 * b);
  }
}

package org.hourglass.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;

class StageSplitTest {
  @Test
  void llamasHundredAndTwentySixLayersLoseOneEachOnTheEndStages() {
    // Llama 3 405B: 126 layers; 16 ranks x 2 chunks = 32 stages of 4, the ends 3 (arXiv 2407.21783, 3.3.2)
    int[] b = StageSplit.ENDS_ONE_FEWER.boundaries(126, 32, "f");
    assertEquals(3, b[1] - b[0]);
    assertEquals(3, b[32] - b[31]);
    for (int s = 1; s < 31; s++) {
      assertEquals(4, b[s + 1] - b[s], "stage " + s);
    }
    // 8 chunks per rank: one layer a chunk, the first and last chunk hold none
    int[] one = StageSplit.ENDS_ONE_FEWER.boundaries(126, 128, "f");
    assertEquals(0, one[1]);
    assertEquals(126, one[127]);
    assertEquals(126, one[128]);
  }

  @Test
  void evenGivesTheRemainderToTheFirstStages() {
    assertArrayEquals(new int[] {0, 4, 8, 11, 14}, StageSplit.EVEN.boundaries(14, 4, "f"));
  }

  @Test
  void aSplitThatDoesNotComeOutWholeIsRefusedNamingTheField() {
    // DeepSeek-V3: 61 layers + 2 over 16 stages is not whole
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> StageSplit.ENDS_ONE_FEWER.boundaries(61, 16, "recipe.stageSplit"));
    assertEquals("recipe.stageSplit", e.field());
    assertEquals("recipe.stageSplit",
        assertThrows(InvalidInputException.class, () -> StageSplit.parse("uneven", "recipe.stageSplit")).field());
    assertEquals(StageSplit.ENDS_ONE_FEWER, StageSplit.parse("ends-one-fewer", "f"));
  }
}

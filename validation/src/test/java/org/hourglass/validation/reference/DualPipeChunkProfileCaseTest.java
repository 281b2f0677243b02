package org.hourglass.validation.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DualPipeChunkProfileCaseTest {
  @Test
  void attentionMatchesTheProfileAndTheRestIsReportedAsHeldOut() {
    List<Comparison> rows = new DualPipeChunkProfileCase().compare();
    assertEquals(3, rows.size());
    rows.forEach(row -> assertEquals(Comparison.HELD_OUT, row.fit(), row.name()));
    Comparison attention = rows.get(1);
    assertEquals(attention.published(), attention.predicted(), 0.10 * attention.published(),
        "FlashAttention-3's published utilisation predicts the profile's attention kernels");
    Comparison total = rows.get(0);
    assertEquals(total.predicted(), rows.get(1).predicted() + rows.get(2).predicted(), 1e-9);
    // the known gap (see issue 6's note): the model misses memory-bound kernels; pinned so a change shows
    assertTrue(total.predicted() < total.published(), "model compute " + total.predicted() + " ms vs " + total.published());
  }
}

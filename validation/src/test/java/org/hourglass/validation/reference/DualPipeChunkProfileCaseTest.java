package org.hourglass.validation.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DualPipeChunkProfileCaseTest {
  private final List<Comparison> rows = new DualPipeChunkProfileCase().compare();

  @Test
  void theKernelClassesAddUpToTheProfilesComputeStream() {
    Map<String, Double> measured = DualPipeChunkProfileCase.measuredMs();
    assertEquals(12, measured.size());
    assertEquals(118.165, measured.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    double published = rows.stream().skip(1).mapToDouble(Comparison::published).sum();
    assertEquals(rows.get(0).published(), published, 1e-9, "the class rows cover the whole compute stream");
    double predicted = rows.stream().skip(1).mapToDouble(Comparison::predicted).sum();
    assertEquals(rows.get(0).predicted(), predicted, 1e-9, "the class rows cover the whole predicted pair");
  }

  @Test
  void gemmsAndAttentionMatchTheProfileAndTheSmallKernelsAreWhereItMisses() {
    rows.forEach(row -> assertEquals(Comparison.HELD_OUT, row.fit(), row.name()));
    Comparison forwardGemms = rows.get(1);
    Comparison attention = rows.get(4);
    assertEquals(attention.published(), attention.predicted(), 0.10 * attention.published(),
        "FlashAttention-3's published utilisation predicts the profile's attention kernels");
    assertEquals(forwardGemms.published(), forwardGemms.predicted(), 0.15 * forwardGemms.published());
    // the known gap, pinned so a change shows: on the curves of published open kernels (floors and
    // 0.73-0.92 of HBM peak) DeepSeek's casts still take about twice the model's time, and its other
    // memory-bound kernels about 1.4 times (issue 13, item 3)
    assertTrue(rows.get(5).predicted() < 0.7 * rows.get(5).published(), rows.get(5).toString());
    assertTrue(rows.get(6).predicted() < 0.8 * rows.get(6).published(), rows.get(6).toString());
    assertTrue(rows.get(0).predicted() < rows.get(0).published(), rows.get(0).toString());
  }
}

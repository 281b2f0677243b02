package org.hourglass.validation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * DeepEP's recorded tables (profiles/published/deepep-h800.csv). The low-latency bandwidth is the bytes
 * a rank sends over the latency: 128 tokens x top-8 x 7168 in FP8 (plus a 4-byte scale per 128 values)
 * for dispatch, in BF16 for combine. Checking that pins down the byte counting comm-models must use.
 */
class DeepEpTableTest {
  private static final DeepEpTable.Table TABLE = DeepEpTable.read(DeepGemmFitTest.published("deepep-h800.csv"));

  @Test
  void bothTablesAreReadWithTheirSources() {
    assertEquals(10, TABLE.rows().size());
    assertEquals(4, TABLE.rows().stream().filter(r -> r.kind().equals("normal")).count());
    assertTrue(TABLE.sources().stream().anyMatch(s -> s.contains("DeepEP")));
    assertEquals(153, TABLE.rows().get(0).dispatchGbps());
  }

  @Test
  void lowLatencyBandwidthIsPayloadOverLatency() {
    double dispatchBytes = 128 * 8 * (7168 + 7168 / 128 * 4.0);
    double combineBytes = 128 * 8 * 7168 * 2.0;
    for (DeepEpTable.Row r : TABLE.rows()) {
      if (r.kind().equals("low_latency")) {
        assertEquals(r.dispatchGbps(), dispatchBytes / (r.dispatchLatencyUs() * 1e-6) / 1e9, 0.06 * r.dispatchGbps(), "EP" + r.expertParallel());
        assertEquals(r.combineGbps(), combineBytes / (r.combineLatencyUs() * 1e-6) / 1e9, 0.06 * r.combineGbps(), "EP" + r.expertParallel());
      }
    }
  }
}

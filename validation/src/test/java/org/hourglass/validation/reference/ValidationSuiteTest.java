package org.hourglass.validation.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationSuiteTest {
  private static final List<Comparison> ALL = ValidationSuite.run();

  private static List<Comparison> of(String table) {
    return ALL.stream().filter(c -> c.table().equals(table)).toList();
  }

  @Test
  void pendingTablesNameTheirModuleAndCarryNoNumbers() {
    List<Comparison> pending = ALL.stream().filter(c -> c.status().startsWith("pending: ")).toList();
    assertEquals(4, pending.size());
    pending.forEach(c -> {
      assertNull(c.predicted());
      assertNull(c.errorPercent());
    });
  }

  @Test
  void dualPipeBubblesMatchTheTableWhereItIsExactAndNotWhereItIsApproximate() {
    List<Comparison> rows = of("DualPipe bubble table");
    assertEquals(6, rows.size());
    for (Comparison c : rows.subList(0, 5)) {
      assertEquals(0, c.errorPercent(), 1e-9, c.name());
    }
    Comparison approximate = rows.get(5);
    assertEquals(8.0, approximate.predicted(), 1e-9);
    assertEquals(9.0, approximate.published(), 1e-9);
  }

  @Test
  void kvCacheAndParameterCountsAreWithinHalfAPercent() {
    for (String t : List.of("KV cache per token", "Parameter counts")) {
      for (Comparison c : of(t)) {
        assertTrue(Math.abs(c.errorPercent()) < 0.5 || c.name().contains("activated"), c.name() + " " + c.errorPercent());
      }
    }
    assertEquals(0, of("KV cache per token").get(0).errorPercent(), 1e-12);
  }

  @Test
  void flopsPerTokenAreWithinTwoPercent() {
    of("Training FLOPs per token").forEach(c -> assertTrue(Math.abs(c.errorPercent()) < 2, c.name() + " " + c.errorPercent()));
  }
}

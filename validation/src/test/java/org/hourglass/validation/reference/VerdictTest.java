package org.hourglass.validation.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
  @Test
  void everyTableTheSuiteComparesHasAStatedTolerance() {
    // one stand-in row per table: the tolerance is looked up by table, so the cases need not run
    List<Comparison> oneRowEach = ValidationSuite.cases(false).stream()
        .map(c -> Comparison.of("row", c.table(), 1, 1, "u", c.source())).toList();
    assertEquals(List.of(), Verdict.of(oneRowEach).tablesWithoutTolerance());
  }

  @Test
  void aRowPassesWithinItsTablesToleranceAndFailsOutsideIt() {
    Verdict v = Verdict.of(List.of(
        Comparison.of("r1", "KV cache per token", 100.5, 100, "B", "x"),
        Comparison.of("r2", "KV cache per token", 102, 100, "B", "x"),
        Comparison.of("r3", "KV cache per token", 150, 100, "B", "x").withFit(Comparison.FITTED)));
    assertEquals(Verdict.Outcome.PASS, v.judged().get(0).outcome());
    assertEquals(Verdict.Outcome.FAIL, v.judged().get(1).outcome());
    assertEquals(Verdict.Outcome.NOT_JUDGED, v.judged().get(2).outcome(), "a fitted row is in-sample, not a check");
    assertEquals(1, v.count(Verdict.Outcome.FAIL));
  }

  @Test
  void theDualPipeW05RowIsJudgedByItsOwnToleranceWhichSaysWhy() {
    Verdict v = Verdict.of(new DualPipeBubbleCase().compare());
    Verdict.Judged w05 = v.judged().stream().filter(j -> j.comparison().name().contains("W=0.5")).findFirst().orElseThrow();
    assertEquals(Verdict.Outcome.PASS, w05.outcome(), w05.toString());
    assertTrue(w05.tolerance().why().contains("derived for W = F"), w05.tolerance().why());
    assertEquals(0, v.count(Verdict.Outcome.FAIL), "every other row matches the closed form within 0.5%");
  }

  @Test
  void theForwardFitShownOnWeightGradientsIsNotJudged() {
    Verdict v = Verdict.of(new DeepGemmWeightGradientCase().compare());
    v.judged().stream().filter(j -> j.comparison().name().contains("forward kernel's fit"))
        .forEach(j -> assertEquals(Verdict.Outcome.NOT_JUDGED, j.outcome(), j.comparison().name()));
  }
}

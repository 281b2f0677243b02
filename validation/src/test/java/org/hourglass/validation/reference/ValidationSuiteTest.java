package org.hourglass.validation.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationSuiteTest {
  private static final List<Comparison> ALL = ValidationSuite.run(false);

  private static List<Comparison> of(String table) {
    return ALL.stream().filter(c -> c.table().equals(table)).toList();
  }

  private static List<Comparison> withFit(String table, String fit) {
    return of(table).stream().filter(c -> fit.equals(c.fit())).toList();
  }

  @Test
  void onlyTheHeldOutRunWithoutAPublishedLayoutIsPendingAndItCarriesNoPrediction() {
    List<Comparison> pending = ALL.stream().filter(c -> c.status().startsWith("pending: ")).toList();
    assertEquals(1, pending.size());
    Comparison c = pending.get(0);
    assertEquals("Held-out public training runs", c.table());
    assertTrue(c.name().startsWith("DeepSeek LLM 67B") && c.status().contains("degrees"), c.status());
    assertNull(c.predicted());
    assertNull(c.errorPercent());
    assertEquals(300_600, c.published(), 0);
  }

  @Test
  void llamaThroughputsComeFromTheirTensorParallelScenariosAndFallWithMoreGpus() {
    List<Comparison> llama = of("Held-out public training runs").stream().filter(c -> c.name().startsWith("Llama")).toList();
    assertEquals(List.of(430.0, 400.0, 380.0), llama.stream().map(Comparison::published).toList());
    for (Comparison c : llama) {
      assertEquals(Comparison.HELD_OUT, c.fit());
      assertEquals("TFLOP/s per GPU", c.unit());
      assertTrue(c.predicted() > 0 && c.predicted() < 989, c.name() + " " + c.predicted());
    }
    // same batch on twice the GPUs: half the micro-batches per pipeline, so a larger bubble share
    assertTrue(llama.get(1).predicted() < llama.get(0).predicted(), llama.toString());
    // 128K sequences split 16 ways: each GPU's tokens see 16 times the keys, so attention, which runs
    // below the GEMMs' rate, weighs more, and the exposed K/V all-gather adds to it
    assertTrue(llama.get(2).predicted() < llama.get(1).predicted(), llama.toString());
  }

  @Test
  void deepSeekV2IsPlannedFromItsScenarioAndFacesItsPublishedCostPerTrillionTokens() {
    Comparison v2 = of("Held-out public training runs").stream().filter(c -> c.name().startsWith("DeepSeek-V2")).findFirst()
        .orElseThrow();
    assertEquals(Comparison.OK, v2.status());
    assertEquals(Comparison.HELD_OUT, v2.fit());
    assertEquals(172_800, v2.published(), 0);
    assertTrue(v2.source().contains("deepseek-v2-h800") && v2.source().contains("2405.04434"), v2.source());
    // a loose physical bound, not the published figure: between 100% and 10% BF16 MFU at 6 x 21B FLOPs a token
    double idealGpuHours = 6 * 20.85e9 * 1e12 / 989e12 / 3600;
    assertTrue(v2.predicted() > idealGpuHours && v2.predicted() < 10 * idealGpuHours, "predicted " + v2.predicted());
  }

  @Test
  void aQuickRunSkipsTheWholeRunPlansSayingSo() {
    List<Comparison> first = ValidationSuite.cases(true).get(0).compare();
    assertEquals(1, first.size());
    assertEquals("DeepSeek-V3 GPU-hour table", first.get(0).table());
    assertTrue(first.get(0).status().startsWith("skipped: --quick"), first.get(0).status());
    assertNull(first.get(0).predicted());
    List<Comparison> skipped = ValidationSuite.run(true).stream().filter(c -> c.status().startsWith("skipped: ")).toList();
    assertEquals(List.of("DeepSeek-V3 GPU-hour table", "Held-out public training runs"),
        skipped.stream().map(Comparison::table).toList());
  }

  @Test
  void deepGemmRowsAppearFittedAndHeldOutAndTheHeldOutErrorStaysModest() {
    List<Comparison> fitted = withFit("DeepGEMM TFLOPS table", Comparison.FITTED);
    List<Comparison> heldOut = withFit("DeepGEMM TFLOPS table", Comparison.HELD_OUT);
    assertEquals(28, fitted.size());
    assertEquals(28 + 10, heldOut.size());
    for (int i = 0; i < fitted.size(); i++) {
      assertEquals(fitted.get(i).published(), heldOut.get(i).published());
      assertEquals("TFLOP/s", fitted.get(i).unit());
    }
    double meanAbs = heldOut.subList(0, 28).stream().mapToDouble(c -> Math.abs(c.errorPercent())).average().orElseThrow();
    assertTrue(meanAbs > 0 && meanAbs < 15, "leave-one-out mean |error| " + meanAbs);
  }

  @Test
  void deepEpFitsTwoDispatchRowsAndHoldsOutTheOtherSix() {
    List<Comparison> fitted = withFit("DeepEP bandwidth table", Comparison.FITTED);
    assertEquals(2, fitted.size());
    fitted.forEach(c -> assertEquals(0, c.errorPercent(), 0.5, c.name()));
    List<Comparison> heldOut = withFit("DeepEP bandwidth table", Comparison.HELD_OUT);
    assertEquals(6, heldOut.size());
    heldOut.forEach(c -> assertTrue(Math.abs(c.errorPercent()) < 15, c.name() + " " + c.errorPercent()));
  }

  @Test
  void gpuHourPhasesAddUpToTheTotalAndFaceTheirPublishedFigures() {
    List<Comparison> rows = of("DeepSeek-V3 GPU-hour table");
    assertEquals(5, rows.size());
    assertEquals(List.of(2_664_000.0, 119_000.0, 5_000.0, 2_788_000.0, 2_788_000.0),
        rows.stream().map(Comparison::published).toList());
    double phases = rows.subList(0, 3).stream().mapToDouble(Comparison::predicted).sum();
    assertEquals(rows.get(3).predicted(), phases, 1e-6 * phases);
    // the expected run adds what interruptions, restarts and checkpoint stalls cost to the failure-free plan
    assertTrue(rows.get(4).predicted() > rows.get(3).predicted(), rows.get(4).toString());
    assertTrue(rows.get(4).name().contains("expected run"), rows.get(4).name());
    rows.forEach(c -> assertEquals(Comparison.HELD_OUT, c.fit()));
    rows.forEach(c -> assertTrue(c.predicted() > 0, c.name()));
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

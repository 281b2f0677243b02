package org.hourglass.fp8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;

/** 2024's internal kernels: DeepGEMM's calibrations over DeepGEMM's own published speedups. */
class KernelGenerationTest {
  private final KernelEfficiency forward = DeepGemmCalibration.h800();

  @Test
  void deepGemmIsTheCalibrationItself() {
    assertSame(forward, KernelGeneration.DEEPGEMM_2025.dense(forward));
    assertSame(forward, KernelGeneration.DEEPGEMM_2025.grouped(forward));
  }

  @Test
  void theInternalKernelsAreSlowerByThePublishedSpeedups() {
    // README Feb 2025, M = 4096 rows: 1.1 1.0 1.0 1.2 1.1 1.1; contiguous grouped: 1.2 1.2 1.2 1.1; PR #95: ~20%
    assertEquals(forward.tensorFraction() / (6.5 / 6), KernelGeneration.CUTLASS_2024.dense(forward).tensorFraction(), 1e-15);
    assertEquals(forward.tensorFraction() / 1.175, KernelGeneration.CUTLASS_2024.grouped(forward).tensorFraction(), 1e-15);
    KernelEfficiency wgrad = DeepGemmCalibration.wgradH800();
    assertEquals(wgrad.tensorFraction() / 1.2, KernelGeneration.CUTLASS_2024.weightGradient(wgrad).tensorFraction(), 1e-15);
    assertEquals(forward.hbmFraction(), KernelGeneration.CUTLASS_2024.dense(forward).hbmFraction());
    assertTrue(KernelGeneration.CUTLASS_2024.dense(forward).source().contains("cutlass-2024"));
  }

  @Test
  void anUnknownGenerationIsRefusedNamingTheField() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> KernelGeneration.parse("kernels", "x"));
    assertEquals("kernels", e.field());
    assertEquals(KernelGeneration.CUTLASS_2024, KernelGeneration.parse("kernels", "cutlass-2024"));
  }
}

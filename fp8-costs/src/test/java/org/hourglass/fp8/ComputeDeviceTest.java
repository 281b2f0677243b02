package org.hourglass.fp8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;

class ComputeDeviceTest {
  @Test
  void builtInDevicesAreFoundByNameAndCarryTheirDatasheetFigures() {
    assertEquals(ComputeDevice.H800, ComputeDevice.byName("H800", "--gpu"));
    assertEquals(132, ComputeDevice.H800.sms());
    assertEquals(2 * ComputeDevice.B200.peakBf16FlopsPerSecond(), ComputeDevice.B200.peakFp8FlopsPerSecond(), 0);
    assertTrue(ComputeDevice.BUILT_IN.stream().allMatch(d -> !d.source().isBlank()));
  }

  @Test
  void a100HasNoFp8AndUnknownNamesAreRefused() {
    assertFalse(ComputeDevice.A100.supports(GemmDtype.FP8));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ComputeDevice.byName("v100", "--gpu"));
    assertEquals("--gpu", e.field());
    assertThrows(InvalidInputException.class, () -> GemmDtype.parse("fp4", "--dtype"));
  }
}

package org.hourglass.validation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.hourglass.sim.InvalidInputException;
import org.junit.jupiter.api.Test;

class EfficiencyFitTest {
  @Property(tries = 40)
  void recoversTheParametersOfExactData(@ForAll @DoubleRange(min = 0.2, max = 0.95) double eMax,
      @ForAll @DoubleRange(min = 20, max = 2000) double i0) {
    SaturatingEfficiency truth = new SaturatingEfficiency(eMax, i0);
    List<EfficiencyFit.Point> points = new ArrayList<>();
    for (double x = i0 / 10; x < i0 * 20; x *= 1.6) {
      points.add(new EfficiencyFit.Point(x, truth.at(x)));
    }
    EfficiencyFit.Outcome o = EfficiencyFit.fit(points);
    assertEquals(eMax, o.curve().eMax(), 1e-4 * eMax);
    assertEquals(i0, o.curve().i0FlopsPerByte(), 1e-3 * i0);
    assertTrue(o.rSquared() > 0.999999);
  }

  @Property(tries = 100)
  void theShapeIsMonotoneAndBelowOne(@ForAll @DoubleRange(min = 0, max = 1e7) double x, @ForAll @DoubleRange(min = 1, max = 1e4) double i0) {
    SaturatingEfficiency c = new SaturatingEfficiency(0.7, i0);
    assertTrue(c.shapeAt(x) >= 0 && c.shapeAt(x) <= 1);
    assertTrue(c.shapeAt(x * 1.1 + 1) >= c.shapeAt(x));
  }

  @Test
  void refusesTooFewPoints() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> EfficiencyFit.fit(List.of(new EfficiencyFit.Point(1, 0.1), new EfficiencyFit.Point(2, 0.2))));
    assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
  }

  @Test
  void refusesNonPositiveEfficiency() {
    assertThrows(InvalidInputException.class, () -> EfficiencyFit.fit(List.of(new EfficiencyFit.Point(1, 0.1),
        new EfficiencyFit.Point(2, 0), new EfficiencyFit.Point(3, 0.3))));
  }

  @Test
  void timingsGiveMedianAndSpread() {
    RepeatedTimings t = new RepeatedTimings(new double[] {5, 1, 2, 3, 4, 100, 3, 3, 3, 3, 3});
    assertEquals(3, t.medianSeconds());
    assertEquals(11, t.repetitions());
    assertEquals((t.quantile(0.9) - t.quantile(0.1)) / 3, t.spread(), 1e-12);
    assertTrue(t.spread() > 0);
  }
}

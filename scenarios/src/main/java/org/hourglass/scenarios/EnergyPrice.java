package org.hourglass.scenarios;

import java.util.Optional;
import org.hourglass.hardware.SpecNode;
import org.hourglass.sim.InvalidInputException;

/**
 * What the run's electricity costs: the data centre's power usage effectiveness (facility energy over
 * IT energy) and the price of a kilowatt-hour, with their source. A scenario's optional
 * {@code energy} block; without it the plan still reports kWh at the nodes and says the cost is unpriced.
 *
 * @param pue facility power over IT power, 1 or more
 * @param usdPerKwh dollars per kilowatt-hour
 */
public record EnergyPrice(double pue, double usdPerKwh, String source) {

  /** The scenario's {@code energy} block, or empty where it gives none. */
  static Optional<EnergyPrice> read(SpecNode scenario) {
    if (!scenario.has("energy")) {
      return Optional.empty();
    }
    SpecNode n = scenario.child("energy");
    double pue = n.positive("pue");
    if (pue < 1 || pue > 3) {
      throw new InvalidInputException(n.fieldPath("pue"), "must be in 1..3 (facility over IT power), got " + pue);
    }
    double usd = n.positive("usdPerKwh");
    if (usd > 10) {
      throw new InvalidInputException(n.fieldPath("usdPerKwh"), "must be at most 10 dollars per kWh, got " + usd);
    }
    return Optional.of(new EnergyPrice(pue, usd, n.text("source")));
  }
}

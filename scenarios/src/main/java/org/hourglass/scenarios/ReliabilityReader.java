package org.hourglass.scenarios;

import java.util.List;
import org.hourglass.hardware.SpecNode;
import org.hourglass.reliability.ComponentFailures;
import org.hourglass.reliability.ReliabilitySpec;
import org.hourglass.sim.InvalidInputException;

/**
 * Reads a scenario's optional {@code reliability} block. Without one the run uses
 * {@link ReliabilitySpec#builtIn()} and says so. With one, every scalar field is required (named at
 * once when missing); {@code rates}, a list of {component, perThousandNodeDays, needsReplacement,
 * source}, may be left out for the built-in published rates.
 */
public final class ReliabilityReader {
  /** The spec and whether the scenario gave it. */
  public record Reliability(ReliabilitySpec spec, boolean fromScenario) {}

  private static final List<String> FIELDS = List.of("rateScale", "weibullShape", "detectMinutes", "restartMinutes", "hotSpares",
      "replaceMinutes", "checkpoint.intervalMinutes", "checkpoint.asynchronous", "checkpoint.hostCopyBytesPerSecondPerGpu", "source");

  private ReliabilityReader() {}

  static Reliability read(SpecNode scenario) {
    if (!scenario.has("reliability")) {
      return new Reliability(ReliabilitySpec.builtIn(), false);
    }
    ScenarioLoader.requirePresent(scenario, FIELDS.stream().map(f -> "reliability." + f).toList());
    SpecNode n = scenario.child("reliability");
    List<ComponentFailures> rates = n.has("rates") ? n.children("rates").stream().map(ReliabilityReader::rate).toList()
        : ReliabilitySpec.builtIn().components();
    double shape = n.positive("weibullShape");
    if (shape < 0.2 || shape > 5) {
      throw new InvalidInputException(n.fieldPath("weibullShape"), "must be in 0.2..5 (1: exponential), got " + shape);
    }
    SpecNode c = n.child("checkpoint");
    double interval = c.positive("intervalMinutes");
    return new Reliability(new ReliabilitySpec(rates, n.nonNegative("rateScale"), shape, 60 * n.nonNegative("detectMinutes"),
        60 * n.nonNegative("restartMinutes"), n.bool("hotSpares"), 60 * n.nonNegative("replaceMinutes"), 60 * interval,
        c.bool("asynchronous"), c.positive("hostCopyBytesPerSecondPerGpu"), n.text("source")), true);
  }

  private static ComponentFailures rate(SpecNode r) {
    return new ComponentFailures(r.text("component"), r.nonNegative("perThousandNodeDays"), r.bool("needsReplacement"),
        r.text("source"));
  }
}

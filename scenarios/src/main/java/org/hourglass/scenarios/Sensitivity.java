package org.hourglass.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.hourglass.parallelism.costs.ComputeCostsProvider;
import org.hourglass.sim.InvalidInputException;

/**
 * How much the whole run's GPU-hours move when each assumption of the ledger that has a plausible
 * range ({@link AssumptionLedger.Assumption#range()}) is set to its low and to its high value, all
 * else as the scenario says: each end is a full plan, the runs independent and in parallel.
 */
public final class Sensitivity {
  /** One assumption's swing: the total GPU-hours at its low and high value, or why an end was refused. */
  public record Swing(AssumptionLedger.Assumption assumption, double lowGpuHours, double highGpuHours, String refusal) {
    /** The end's change against {@code baseGpuHours}, as a fraction. */
    public double lowChange(double baseGpuHours) {
      return lowGpuHours / baseGpuHours - 1;
    }

    public double highChange(double baseGpuHours) {
      return highGpuHours / baseGpuHours - 1;
    }
  }

  private Sensitivity() {}

  /** The swings of the assumptions of {@code scenario} (with {@code overrides}) that have a range. */
  public static List<Swing> run(String scenario, Map<String, String> overrides, ComputeCostsProvider costs, int threads,
      IntConsumer progress) {
    Scenario base = ScenarioLoader.load(scenario, overrides);
    List<AssumptionLedger.Assumption> moved = AssumptionLedger.of(base).stream().filter(a -> a.range().size() == 2).toList();
    List<Map<String, String>> ends = new ArrayList<>();
    for (AssumptionLedger.Assumption a : moved) {
      for (String value : a.range()) {
        Map<String, String> end = new LinkedHashMap<>(overrides);
        end.put(a.path(), value);
        ends.add(end);
      }
    }
    List<Object> totals = ParallelRuns.map(ends, end -> total(scenario, end, costs), threads, progress);
    List<Swing> swings = new ArrayList<>();
    for (int i = 0; i < moved.size(); i++) {
      Object low = totals.get(2 * i);
      Object high = totals.get(2 * i + 1);
      String refusal = low instanceof String l ? l : high instanceof String h ? h : null;
      swings.add(new Swing(moved.get(i), low instanceof Double d ? d : Double.NaN, high instanceof Double d ? d : Double.NaN,
          refusal));
    }
    return swings;
  }

  /** How many plans {@link #run} makes, for a progress bar. */
  public static int plans(Scenario base) {
    return 2 * (int) AssumptionLedger.of(base).stream().filter(a -> a.range().size() == 2).count();
  }

  /** The total GPU-hours of one end, or the refusal as a text. */
  private static Object total(String scenario, Map<String, String> overrides, ComputeCostsProvider costs) {
    try {
      return new TrainingRunPlanner(ScenarioLoader.load(scenario, overrides), costs).plan().totalGpuHours();
    } catch (InvalidInputException refused) {
      return refused.getMessage();
    }
  }
}

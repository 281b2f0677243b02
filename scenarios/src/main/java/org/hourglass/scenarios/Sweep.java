package org.hourglass.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.hourglass.parallelism.StepSimulator;
import org.hourglass.parallelism.costs.ComputeCostsProvider;
import org.hourglass.sim.InvalidInputException;

/**
 * The cross product of scenario overrides ({@code plan.nodeLimit=1,2,4,8} x {@code
 * cluster.gpus=1024,2048}), each point planned in full, points run in parallel; results come back in
 * the order of the product, so a sweep is deterministic whatever the thread count. A point whose
 * settings are impossible is kept with its reason, not dropped.
 */
public final class Sweep {
  /** One point: its settings and either its plan or why it could not be planned. */
  public record Point(Map<String, String> settings, PlanResult plan, String refusal) {}

  private Sweep() {}

  /** The product of {@code axes} (path to values), in order, first axis slowest. */
  public static List<Map<String, String>> product(Map<String, List<String>> axes) {
    List<Map<String, String>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : points) {
        for (String value : axis.getValue()) {
          Map<String, String> point = new LinkedHashMap<>(partial);
          point.put(axis.getKey(), value);
          next.add(point);
        }
      }
      points = next;
    }
    return points;
  }

  /** The axes written as {@code PATH=V1,V2,...}, in the order given; a malformed one or an empty value is refused naming --set. */
  public static Map<String, List<String>> axes(List<String> specs) {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    for (String axis : specs) {
      int eq = axis.indexOf('=');
      if (eq <= 0 || eq == axis.length() - 1) {
        throw new InvalidInputException("--set", "'" + axis + "' is not PATH=V1,V2,...");
      }
      List<String> values = List.of(axis.substring(eq + 1).split(",", -1));
      if (values.stream().anyMatch(String::isBlank)) {
        throw new InvalidInputException("--set", "'" + axis + "' has an empty value; list V1,V2,... without gaps");
      }
      axes.put(axis.substring(0, eq), values);
    }
    return axes;
  }

  /** Plans every point on {@code threads} threads; {@code progress} hears the count of points done. */
  public static List<Point> run(String scenario, Map<String, List<String>> axes, ComputeCostsProvider costs, int threads,
      IntConsumer progress) {
    ScenarioLoader.load(scenario); // refuse a bad base scenario before starting any point
    // points of one job (a sweep over the layout, not the model, cluster, recipe or seed) share one
    // simulator, so routing draws they have in common are computed once
    Map<org.hourglass.parallelism.TrainingJob, StepSimulator> shared = new java.util.concurrent.ConcurrentHashMap<>();
    return ParallelRuns.map(product(axes), settings -> point(scenario, settings,
        s -> shared.computeIfAbsent(s.job(), job -> new StepSimulator(job, costs))), threads, progress);
  }

  /** One point: the scenario with {@code settings} applied, planned, or why it could not be. */
  public static Point point(String scenario, Map<String, String> settings, ComputeCostsProvider costs) {
    return point(scenario, settings, s -> new StepSimulator(s.job(), costs));
  }

  private static Point point(String scenario, Map<String, String> settings,
      java.util.function.Function<Scenario, StepSimulator> simulator) {
    try {
      Scenario loaded = ScenarioLoader.load(scenario, settings);
      return new Point(settings, new TrainingRunPlanner(loaded, simulator.apply(loaded)).plan(), null);
    } catch (InvalidInputException refused) {
      return new Point(settings, null, refused.getMessage());
    }
  }
}

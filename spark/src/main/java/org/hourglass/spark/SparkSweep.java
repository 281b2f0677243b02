package org.hourglass.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.scenarios.Sweep;
import org.hourglass.scenarios.SweepTable;
import org.hourglass.sim.InvalidInputException;

/**
 * {@code SparkSweep --master MASTER SCENARIO --set PATH=V1,V2 ... [--csv FILE] [--quiet]}: a sweep
 * whose points are the tasks of one Spark job, one partition each, planned where Spark puts them and
 * collected in the order of the cross product, so the table (and CSV) is byte for byte the local
 * sweep's. A failed task is retried by Spark ({@code spark.task.maxFailures}, 4 on a cluster; in
 * local mode {@code local[N,F]} allows F tries). Progress is one line per finished task on standard
 * error. Run by {@code hourglass sweep --spark}, or with {@code spark-submit --class
 * org.hourglass.spark.SparkSweep hourglass-spark.jar ...} on a cluster (then {@code --master} may be
 * left to spark-submit: pass {@code --master submit}).
 */
public final class SparkSweep {
  private SparkSweep() {}

  public static void main(String[] args) {
    SparkTasks.exit(() -> run(args));
  }

  static int run(String[] args) {
    String master = null;
    String scenario = null;
    Path csv = null;
    boolean quiet = false;
    List<String> axes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--master" -> master = SparkTasks.value(args, ++i, "--master");
        case "--set" -> axes.add(SparkTasks.value(args, ++i, "--set"));
        case "--csv" -> csv = Path.of(SparkTasks.value(args, ++i, "--csv"));
        case "--quiet" -> quiet = true;
        default -> {
          if (args[i].startsWith("--") || scenario != null) {
            throw new InvalidInputException(args[i], "is not an argument of the Spark sweep (--master, SCENARIO, --set, --csv, --quiet)");
          }
          scenario = args[i];
        }
      }
    }
    if (master == null || axes.isEmpty()) {
      throw new InvalidInputException(master == null ? "--master" : "--set", "is required");
    }
    String base = scenario == null ? ScenarioLoader.DEFAULT : scenario;
    ScenarioLoader.load(base); // a bad base scenario is refused before Spark starts
    Map<String, List<String>> parsed = Sweep.axes(axes);
    List<Map<String, String>> points = new ArrayList<>();
    Sweep.product(parsed).forEach(p -> points.add(new LinkedHashMap<>(p)));
    List<List<String>> rows = plan(master, base, points, quiet);
    List<String> header = SweepTable.header(parsed.keySet());
    System.out.print(SweepTable.render(header, rows));
    System.out.flush();
    if (csv != null) {
      try {
        Files.write(csv, SweepTable.csv(header, rows));
      } catch (IOException e) {
        throw new InvalidInputException("--csv", "cannot write " + csv + ": " + e.getMessage());
      }
    }
    return 0;
  }

  private static List<List<String>> plan(String master, String scenario, List<Map<String, String>> points, boolean quiet) {
    return SparkTasks.map(master, "sweep", scenario, points,
        settings -> SweepTable.row(Sweep.point(scenario, settings, Fp8ComputeCosts::new)), quiet);
  }
}

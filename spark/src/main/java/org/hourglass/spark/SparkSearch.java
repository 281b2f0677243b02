package org.hourglass.spark;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.PlanSearch;
import org.hourglass.scenarios.ScenarioLoader;
import org.hourglass.scenarios.SearchText;
import org.hourglass.sim.InvalidInputException;

/**
 * {@code SparkSearch --master MASTER SCENARIO --deadline-days D [--show N] --space NAME=V1,V2 ...
 * [--quiet] [--main-step-only]}: a plan search whose candidates are the tasks of one Spark job, one partition each,
 * gathered in the order of the space and ranked on the driver, which then plans the cheapest in full;
 * the text is byte for byte the local search's. {@code --space} takes the nine lists of
 * {@link PlanSearch.Space#toArgs()} ({@code hourglass search --spark} writes them). On a cluster run
 * it with {@code spark-submit --class org.hourglass.spark.SparkSearch hourglass-spark.jar --master
 * submit ...}.
 */
public final class SparkSearch {
  private SparkSearch() {}

  public static void main(String[] args) {
    SparkTasks.exit(() -> run(args));
  }

  static int run(String[] args) {
    String master = null;
    String scenario = null;
    double deadlineDays = Double.NaN;
    int show = 4;
    boolean quiet = false;
    boolean mainStepOnly = false;
    List<String> space = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--master" -> master = SparkTasks.value(args, ++i, "--master");
        case "--deadline-days" -> deadlineDays = number(SparkTasks.value(args, ++i, "--deadline-days"), "--deadline-days");
        case "--show" -> show = (int) number(SparkTasks.value(args, ++i, "--show"), "--show");
        case "--space" -> space.add(SparkTasks.value(args, ++i, "--space"));
        case "--quiet" -> quiet = true;
        case "--main-step-only" -> mainStepOnly = true;
        default -> {
          if (args[i].startsWith("--") || scenario != null) {
            throw new InvalidInputException(args[i], "is not an argument of the Spark search (--master, SCENARIO, "
                + "--deadline-days, --show, --space, --quiet, --main-step-only)");
          }
          scenario = args[i];
        }
      }
    }
    if (master == null || !(deadlineDays > 0) || show < 0) {
      throw new InvalidInputException(master == null ? "--master" : !(deadlineDays > 0) ? "--deadline-days" : "--show",
          master == null ? "is required" : "must be positive");
    }
    String base = scenario == null ? ScenarioLoader.DEFAULT : scenario;
    PlanSearch.Space searched = PlanSearch.Space.fromArgs(space);
    List<PlanSearch.Point> points = PlanSearch.points(base, searched); // a bad scenario is refused before Spark starts
    List<PlanSearch.Candidate> ranked = PlanSearch.rank(price(master, base, points, deadlineDays, quiet));
    PlanSearch.Candidate best = ranked.get(0);
    PlanResult whole = best.feasible() && !mainStepOnly
        ? PlanSearch.wholeRun(base, best, Fp8ComputeCosts::new, Runtime.getRuntime().availableProcessors()) : null;
    System.out.print(SearchText.render(base, deadlineDays, searched, show, ranked, whole));
    System.out.flush();
    return best.feasible() ? 0 : 1;
  }

  private static List<PlanSearch.Candidate> price(String master, String scenario, List<PlanSearch.Point> points,
      double deadlineDays, boolean quiet) {
    return SparkTasks.map(master, "search", scenario, points,
        point -> PlanSearch.evaluate(scenario, point, deadlineDays, Fp8ComputeCosts::new), quiet);
  }

  private static double number(String text, String option) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(option, "'" + text + "' is not a number");
    }
  }
}

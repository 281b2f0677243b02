package org.hourglass.spark;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.hourglass.sim.InvalidInputException;

/**
 * What the Spark sweep and search share: one task per item, one partition each, collected in the
 * items' order (so the answer is the local run's), progress as one line per finished task, and the
 * command line's exit codes (a refused input is one line and exit 2).
 */
final class SparkTasks {
  private SparkTasks() {}

  /** Runs {@code job} as a main method: its exit code, or 2 with one line for a refused input. */
  static void exit(IntSupplier job) {
    try {
      System.exit(job.getAsInt());
    } catch (InvalidInputException e) {
      System.err.println("hourglass: " + e.getMessage());
      System.exit(2);
    }
  }

  /**
   * {@code task} applied to each item as the tasks of one Spark job on {@code master} ({@code submit}:
   * the master spark-submit gives), results in the items' order; {@code job} names it in progress lines.
   */
  static <T, R> List<R> map(String master, String job, String scenario, List<T> items, Function<T, R> task, boolean quiet) {
    SparkConf conf = new SparkConf().setAppName("hourglass " + job + " " + scenario).set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false");
    if (!"submit".equals(master)) {
      conf.setMaster(master);
    }
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      spark.setLogLevel("WARN");
      if (!quiet) {
        spark.sc().addSparkListener(new Progress(job, items.size()));
      }
      return spark.parallelize(items, Math.max(1, items.size())).map(task).collect();
    }
  }

  /** The value after option {@code args[i - 1]}, or a refusal naming the option. */
  static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new InvalidInputException(option, "needs a value");
    }
    return args[i];
  }

  /**
   * One line on standard error per task attempt started, per finished task, and per failed attempt,
   * which Spark runs again (a lost executor, a task's own error): only tasks that succeeded count as done.
   */
  private static final class Progress extends SparkListener {
    private final String job;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();

    Progress(String job, int total) {
      this.job = job;
      this.total = total;
    }

    @Override
    public void onTaskStart(org.apache.spark.scheduler.SparkListenerTaskStart start) {
      System.err.printf("%s on Spark: task %d, attempt %d, started on executor %s%n", job, start.taskInfo().index(),
          start.taskInfo().attemptNumber(), start.taskInfo().executorId());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.taskInfo().successful()) {
        System.err.printf("%s on Spark: %d of %d tasks done%n", job, done.incrementAndGet(), total);
      } else {
        System.err.printf("%s on Spark: task %d, attempt %d, failed (%s); Spark retries it, up to spark.task.maxFailures"
            + " attempts%n", job, end.taskInfo().index(), end.taskInfo().attemptNumber(), firstLine(end.reason().toString()));
      }
    }

    private static String firstLine(String text) {
      int newline = text.indexOf('\n');
      return newline < 0 ? text : text.substring(0, newline);
    }
  }
}

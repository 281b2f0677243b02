package org.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.hourglass.cli.bench.EngineBenchmark;
import org.hourglass.sim.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hourglass bench}: speed benchmarks of the simulator itself; they print, they never assert. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of the simulator itself.",
    subcommands = {BenchCommand.Engine.class, BenchCommand.Step.class, BenchCommand.Plan.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code hourglass bench engine}: the hold model against SSJ and a bare heap. */
  @Command(
      name = "engine",
      mixinStandardHelpOptions = true,
      description = "The hold model: N pending events; each pops the earliest and schedules one at now plus an exponential increment. Hourglass's engine against SSJ 3.3.2's BinaryTree and SplayTree event lists and a bare 4-ary heap, on the same increments, in one JVM.")
  static final class Engine implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--pending", split = ",", description = "Pending-event counts (default: ${DEFAULT-VALUE}).",
        defaultValue = "1000,100000,1000000")
    List<Integer> pending;

    @Option(names = "--steps", description = "Hold steps per trial (default: ${DEFAULT-VALUE}).",
        defaultValue = "2000000")
    long steps;

    @Option(names = "--trials", description = "Trials per measurement; the median is reported (default: ${DEFAULT-VALUE}).",
        defaultValue = "3")
    int trials;

    @Option(names = "--seed", description = "Seed of the increments (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    @Override
    public void run() {
      validate();
      EngineBenchmark benchmark = new EngineBenchmark(seed, steps, trials);
      PrintWriter out = spec.commandLine().getOut();
      ObjectNode report = new ObjectMapper().createObjectNode();
      ArrayNode results = report.putArray("results");
      if (!json) {
        out.printf("Hold model, %,d steps per trial, median of %d trials, JVM max heap %,d MiB%n",
            steps, trials, Runtime.getRuntime().maxMemory() >> 20);
        out.printf("%10s %16s %16s %9s %16s %9s %12s%n", "pending", "hourglass ev/s", "ssj best ev/s",
            "x ssj", "bare heap ev/s", "x bare", "heap B/event");
        out.flush();
      }
      // text rows appear as each size finishes; under --json nothing prints until the end, so a bar shows the sizes done
      try (ProgressBar bar = new ProgressBar("bench engine", pending.size(), quiet || !json)) {
        int done = 0;
        for (int n : pending) {
          EngineBenchmark.Row row = benchmark.run(n);
          results.add(toJson(row));
          if (!json) {
            printRow(out, row);
          }
          bar.accept(++done);
        }
      }
      if (json) {
        out.println(report.toString());
      }
      out.flush();
    }

    private void validate() {
      for (int n : pending) {
        if (n < 1) {
          throw new InvalidInputException("--pending", "each count must be at least 1, got " + n);
        }
        if (n > 1 << 24) {
          throw new InvalidInputException("--pending", "each count must be at most 16,777,216 (the event set's limit), got " + n);
        }
      }
      if (steps < 1) {
        throw new InvalidInputException("--steps", "must be at least 1, got " + steps);
      }
      if (trials < 1) {
        throw new InvalidInputException("--trials", "must be at least 1, got " + trials);
      }
    }

    private static ObjectNode toJson(EngineBenchmark.Row row) {
      EngineBenchmark.Measurement hourglass = row.of("hourglass");
      EngineBenchmark.Measurement ssj = row.fastestSsj();
      EngineBenchmark.Measurement bare = row.of("bare-4-ary-heap");
      ObjectNode node = new ObjectMapper().createObjectNode();
      node.put("pending", row.pending());
      node.put("hourglassEventsPerSecond", hourglass.eventsPerSecond());
      node.put("ssjEventsPerSecond", ssj.eventsPerSecond());
      node.put("ratio", hourglass.eventsPerSecond() / ssj.eventsPerSecond());
      node.put("ssjEventList", ssj.contestant());
      node.put("bareHeapEventsPerSecond", bare.eventsPerSecond());
      node.put("ratioToBareHeap", hourglass.eventsPerSecond() / bare.eventsPerSecond());
      node.put("hourglassHeapBytes", hourglass.heapBytes());
      node.put("ssjHeapBytes", ssj.heapBytes());
      ArrayNode all = node.putArray("contestants");
      for (EngineBenchmark.Measurement m : row.measurements()) {
        all.addObject().put("name", m.contestant()).put("eventsPerSecond", m.eventsPerSecond())
            .put("heapBytes", m.heapBytes());
      }
      return node;
    }

    private static void printRow(PrintWriter out, EngineBenchmark.Row row) {
      EngineBenchmark.Measurement hourglass = row.of("hourglass");
      EngineBenchmark.Measurement ssj = row.fastestSsj();
      EngineBenchmark.Measurement bare = row.of("bare-4-ary-heap");
      out.printf("%,10d %,16.0f %,16.0f %9.2f %,16.0f %9.2f %12.1f%n", row.pending(),
          hourglass.eventsPerSecond(), ssj.eventsPerSecond(),
          hourglass.eventsPerSecond() / ssj.eventsPerSecond(), bare.eventsPerSecond(),
          hourglass.eventsPerSecond() / bare.eventsPerSecond(), hourglass.heapBytes() / (double) row.pending());
      out.flush();
    }
  }

  /** {@code hourglass bench step}: one full training step of a scenario on every GPU, timed. */
  @Command(
      name = "step",
      mixinStandardHelpOptions = true,
      description = "Simulates the main pre-training step of a scenario on every GPU of its cluster and reports the engine events, the host time and events per second (median of --repeat runs, after one warm-up).")
  static final class Step implements Runnable {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin ScenarioRun common;

    @Option(names = "--repeat", description = "Timed runs (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int repeat;

    @Override
    public void run() {
      requireRuns(repeat);
      var loaded = common.load();
      var planner = new org.hourglass.scenarios.TrainingRunPlanner(loaded,
          org.hourglass.parallelism.costs.Fp8ComputeCosts::new);
      int cores = Runtime.getRuntime().availableProcessors();
      double[] walls = new double[repeat];
      double[] parallelWalls = new double[repeat];
      org.hourglass.parallelism.StepReport step = null;
      try (ProgressBar bar = new ProgressBar("bench step", 2 * repeat + 1, common.quiet)) {
        var first = planner.mainStep(org.hourglass.sim.SpanRecorder.OFF); // warm-up: JIT, routing draws, calibrations
        bar.accept(1);
        for (int i = 0; i < 2 * repeat; i++) {
          boolean parallel = i >= repeat;
          planner.threads(parallel ? cores : 1);
          step = planner.mainStep(org.hourglass.sim.SpanRecorder.OFF);
          if (step.stepSeconds() != first.stepSeconds() || step.events() != first.events()) {
            throw new IllegalStateException("a step changed between runs: " + first.stepSeconds() + " s then "
                + step.stepSeconds() + " s");
          }
          (parallel ? parallelWalls : walls)[i % repeat] = step.wallSeconds();
          bar.accept(i + 2);
        }
      }
      double wall = median(walls);
      double parallelWall = median(parallelWalls);
      long heapMiB = peakHeapMiB();
      PrintWriter out = spec.commandLine().getOut();
      if (common.json) {
        out.println(new ObjectMapper().createObjectNode().put("scenario", loaded.name()).put("gpus", loaded.cluster().gpus())
            .put("microBatches", step.microBatches()).put("simulatedStepSeconds", step.stepSeconds())
            .put("events", step.events()).put("wallSeconds", wall).put("eventsPerSecond", step.events() / wall)
            .put("cores", cores).put("wallSecondsAllCores", parallelWall)
            .put("peakHeapMiB", heapMiB).put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20).toString());
      } else {
        out.printf("%s: one step on %d GPUs, %d micro-batches per pipeline, simulated %.3f s%n", loaded.name(),
            loaded.cluster().gpus(), step.microBatches(), step.stepSeconds());
        out.printf("%,d events in %.2f s host time on one thread (median of %d): %,.0f events/s; peak heap %,d MiB of %,d MiB allowed%n",
            step.events(), wall, repeat, step.events() / wall, heapMiB, Runtime.getRuntime().maxMemory() >> 20);
        out.printf("the same step's replica blocks on %d cores: %.2f s (x%.2f)%n", cores, parallelWall, wall / parallelWall);
      }
      out.flush();
    }
  }

  /** CPU seconds the JVM's JIT compilers have spent so far (0 where the JVM does not say). */
  static double compileSeconds() {
    var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() / 1e3 : 0;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The most heap the JVM's heap pools held at once since it started (their peak usage, summed): what the run needed. */
  static long peakHeapMiB() {
    long bytes = 0;
    for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }

  /** {@code hourglass bench plan}: a whole plan, cold and warm, on one thread and on all, in one JVM. */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = "Plans a scenario several times in one JVM: the first (cold: class loading, JIT, routing draws) and the"
          + " median of the warm ones, with its step simulations on one thread and on every core; ratios, not absolute"
          + " times, are what carries between machines.")
  static final class Plan implements Runnable {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin ScenarioRun common;

    @Option(names = "--repeat", description = "Warm runs of each thread count (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int repeat;

    @Override
    public void run() {
      requireRuns(repeat);
      int cores = Runtime.getRuntime().availableProcessors();
      double cold;
      double coldCompileSeconds;
      double[] one = new double[repeat];
      double[] all = new double[repeat];
      double gpuHours;
      try (ProgressBar bar = new ProgressBar("bench plan", 1 + 2 * repeat, common.quiet)) {
        long t = System.nanoTime();
        gpuHours = planOnce(cores);
        cold = (System.nanoTime() - t) / 1e9;
        coldCompileSeconds = compileSeconds();
        bar.accept(1);
        for (int i = 0; i < repeat; i++) {
          t = System.nanoTime();
          requireSame(gpuHours, planOnce(1));
          one[i] = (System.nanoTime() - t) / 1e9;
          t = System.nanoTime();
          requireSame(gpuHours, planOnce(cores));
          all[i] = (System.nanoTime() - t) / 1e9;
          bar.accept(2 + 2 * i + 1);
        }
      }
      double warmOne = median(one);
      double warmAll = median(all);
      PrintWriter out = spec.commandLine().getOut();
      if (common.json) {
        out.println(new ObjectMapper().createObjectNode().put("scenario", common.scenario).put("cores", cores).put("coldSeconds", cold)
            .put("warmSecondsOneThread", warmOne).put("warmSecondsAllCores", warmAll).put("speedupAllCores", warmOne / warmAll)
            .put("coldCompileCpuSeconds", coldCompileSeconds)
            .put("totalGpuHours", gpuHours).put("peakHeapMiB", peakHeapMiB()).toString());
      } else {
        out.printf("%s: %,.0f GPU-hours, the same on every run%n", common.scenario, gpuHours);
        out.printf("  cold (first plan in this JVM, %d cores): %.2f s, while the JIT compilers spent %.1f s of CPU%n", cores,
            cold, coldCompileSeconds);
        out.printf("  warm, median of %d: %.2f s on one thread, %.2f s on %d cores (x%.2f)%n", repeat, warmOne, warmAll, cores,
            warmOne / warmAll);
        out.printf("  peak heap %,d MiB%n", peakHeapMiB());
      }
      out.flush();
    }

    private double planOnce(int threads) {
      var loaded = common.load();
      return new org.hourglass.scenarios.TrainingRunPlanner(loaded, org.hourglass.parallelism.costs.Fp8ComputeCosts::new)
          .threads(threads).plan().totalGpuHours();
    }

    private static void requireSame(double expected, double got) {
      if (expected != got) {
        throw new IllegalStateException("a plan changed between runs: " + expected + " then " + got + " GPU-hours");
      }
    }
  }

  /** What bench step and bench plan share: the scenario and its overrides, JSON output, and quiet progress. */
  static final class ScenarioRun {
    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
        defaultValue = org.hourglass.scenarios.ScenarioLoader.DEFAULT, description = "Scenario (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
        description = "Override a scenario field, e.g. cluster.gpus=98304 (repeatable).")
    List<String> overrides = List.of();

    /** The scenario with its overrides applied. */
    org.hourglass.scenarios.Scenario load() {
      return org.hourglass.scenarios.ScenarioLoader.load(scenario, PlanCommand.parseOverrides(overrides));
    }
  }

  /** A benchmark's {@code --repeat}: at least one timed run. */
  private static void requireRuns(int repeat) {
    if (repeat < 1) {
      throw new InvalidInputException("--repeat", "must be at least 1, got " + repeat);
    }
  }
}

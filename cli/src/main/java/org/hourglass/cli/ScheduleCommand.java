package org.hourglass.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hourglass.dualpipe.Durations;
import org.hourglass.dualpipe.Execution;
import org.hourglass.dualpipe.Schedule;
import org.hourglass.dualpipe.ScheduleExecutor;
import org.hourglass.dualpipe.ScheduleKind;
import org.hourglass.dualpipe.Schedules;
import org.hourglass.reports.PipelineTimelinePicture;
import org.hourglass.reports.ScheduleComparisonChart;
import org.hourglass.sim.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass schedule}: generates a pipeline schedule, checks it, runs it on the engine and
 * prints its makespan, bubble per rank and memory; or, with {@code --compare}, all schedules side by
 * side. Durations are for one rank's share of the model (the model cut into --ranks pieces).
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
    description = "Pipeline schedules (gpipe, 1f1b, interleaved, zb1p, dualpipe, dualpipev): bubble, makespan, memory.")
final class ScheduleCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--kind", defaultValue = "dualpipe", description = "gpipe, 1f1b, interleaved, zb1p, dualpipe or dualpipev (default ${DEFAULT-VALUE})")
  String kind;

  @Option(names = "--compare", description = "run every schedule and show them side by side")
  boolean compare;

  @Option(names = "--ranks", required = true, description = "pipeline ranks (devices)")
  int ranks;

  @Option(names = "--micro-batches", required = true, description = "micro-batches per training step")
  int microBatches;

  @Option(names = "--virtual-stages", defaultValue = "2", description = "model chunks per rank for interleaved 1F1B (default ${DEFAULT-VALUE})")
  int virtualStages;

  @Option(names = {"--forward", "--f"}, defaultValue = "1", description = "forward time of one rank's share of the model; the unit of every output time (default ${DEFAULT-VALUE})")
  double forward;

  @Option(names = {"--backward", "--b"}, defaultValue = "2", description = "full backward time, input and weight gradients (default ${DEFAULT-VALUE}: two matmuls per forward matmul)")
  double backward;

  @Option(names = {"--weight-grad", "--w"}, defaultValue = "1", description = "weight-gradient part of the backward (default ${DEFAULT-VALUE}: one of its two matmuls)")
  double weight;

  @Option(names = {"--overlapped", "--fb"}, description = "time of an overlapped forward+backward pair (default F+B: overlap hides nothing)")
  Double overlapped;

  @Option(names = "--p2p-latency", defaultValue = "0", description = "point-to-point hand-off latency between ranks (default ${DEFAULT-VALUE})")
  double p2pLatency;

  @Option(names = "--png", description = "write the timeline (or, with --compare, a bar chart) as a PNG")
  Path png;

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  @Override
  public void run() {
    requireDuration("--forward", forward, false);
    requireDuration("--backward", backward, false);
    requireDuration("--weight-grad", weight, true);
    if (overlapped != null) {
      requireDuration("--overlapped", overlapped, false);
    }
    requireDuration("--p2p-latency", p2pLatency, true);
    if (ranks < 1 || ranks > 4096) {
      throw new InvalidInputException("--ranks", "must be in 1..4096, got " + ranks);
    }
    if (microBatches < 1 || (long) ranks * microBatches > 1_000_000) {
      throw new InvalidInputException("--micro-batches", "must be at least 1, with ranks x micro-batches at most 1,000,000"
          + " (a schedule keeps every op), got " + microBatches + " on " + ranks + " ranks");
    }
    Durations durations = Durations.ofUnits(forward, backward, weight, overlapped == null ? Double.NaN : overlapped, p2pLatency);
    if (compare) {
      compareAll(durations);
    } else {
      single(ScheduleKind.parse("--kind", kind), durations);
    }
  }

  private void single(ScheduleKind scheduleKind, Durations durations) {
    Execution run = execute(generate(scheduleKind), durations);
    if (png != null) {
      write(() -> PipelineTimelinePicture.writePng(run, png, 1600));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode node = ScheduleReport.toJson(run, true);
      out.println(node.toString());
    } else {
      ScheduleReport.printText(out, run);
    }
    out.flush();
  }

  private void compareAll(Durations durations) {
    List<Execution> runs = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (ScheduleKind k : ScheduleKind.values()) {
      try {
        runs.add(execute(generate(k), durations));
      } catch (InvalidInputException e) {
        refused.add(k.displayName() + ": " + e.getMessage());
      }
    }
    if (runs.isEmpty()) {
      throw new InvalidInputException("--ranks", "no schedule can run this shape: " + String.join("; ", refused));
    }
    if (png != null) {
      write(() -> ScheduleComparisonChart.writePng(runs, png, 1000, 600));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(ScheduleReport.compareJson(runs, refused).toString());
    } else {
      ScheduleReport.printTable(out, runs, refused);
    }
    out.flush();
  }

  private Schedule generate(ScheduleKind scheduleKind) {
    try {
      return Schedules.generate(scheduleKind, ranks, microBatches, virtualStages);
    } catch (InvalidInputException e) {
      String reason = e.getMessage().substring(e.field().length() + 2);
      throw new InvalidInputException(e.field().startsWith("--") ? e.field() : "--" + e.field(), reason);
    }
  }

  private static Execution execute(Schedule schedule, Durations durations) {
    return ScheduleExecutor.run(schedule, durations.perStage(schedule.ranks(), schedule.stages()));
  }

  private static void requireDuration(String option, double value, boolean zeroAllowed) {
    if (!Double.isFinite(value) || value < 0 || (!zeroAllowed && value == 0)) {
      throw new InvalidInputException(option, "must be a finite duration " + (zeroAllowed ? "of 0 or more" : "above 0")
          + ", got " + value);
    }
  }

  private interface PngWriter {
    void write() throws IOException;
  }

  private void write(PngWriter writer) {
    java.nio.file.Path parent = png.toAbsolutePath().getParent();
    if (java.nio.file.Files.isDirectory(png) || parent == null || !java.nio.file.Files.isDirectory(parent)) {
      throw new InvalidInputException("--png", "cannot write " + png + ": "
          + (java.nio.file.Files.isDirectory(png) ? "it is a directory" : "its directory does not exist"));
    }
    try {
      writer.write();
    } catch (IOException e) {
      throw new InvalidInputException("--png", "cannot write " + png + ": " + e.getMessage());
    }
  }
}

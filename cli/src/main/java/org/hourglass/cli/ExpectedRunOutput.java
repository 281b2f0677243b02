package org.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.hourglass.reliability.ExpectedRun;
import org.hourglass.reliability.ReliabilitySpec;
import org.hourglass.scenarios.RunReliability;

/** The ideal run beside the expected one (failures, restarts, checkpoints), as {@code plan} prints and writes it. */
final class ExpectedRunOutput {
  private ExpectedRunOutput() {}

  static void text(PrintWriter out, RunReliability.Expected e) {
    ExpectedRun.Summary s = e.summary();
    ReliabilitySpec spec = s.spec();
    ExpectedRun.Finish f = s.finish();
    out.printf("%nIdeal and expected run, with failures, restarts and checkpoints (%d seeded runs on the engine; %s):%n", s.runs(),
        e.fromScenario() ? "the scenario's reliability block" : "built-in reliability figures");
    out.printf("  %-14s %16s %16s %16s %16s%n", "", "ideal", "expected P50", "P90", "P99");
    out.printf("  %-14s %16.1f %16.1f %16.1f %16.1f%n", "days", e.idealDays(), e.days(f.p50Seconds()), e.days(f.p90Seconds()),
        e.days(f.p99Seconds()));
    out.printf("  %-14s %16s %16s %16s %16s%n", "dollars", usd(e.usd(e.idealDays() * 86_400)), usd(e.usd(f.p50Seconds())),
        usd(e.usd(f.p90Seconds())), usd(e.usd(f.p99Seconds())));
    out.printf("  %-14s %,16.0f %,16.0f %,16.0f %,16.0f%n", "GPU-hours", e.gpuHours(e.idealDays() * 86_400),
        e.gpuHours(f.p50Seconds()), e.gpuHours(f.p90Seconds()), e.gpuHours(f.p99Seconds()));
    out.printf("  goodput %.1f%% (mean); %.1f interruptions (%s); the ideal run above has none%n", 100 * s.meanGoodput(),
        s.meanTotalInterruptions(), byClass(spec, s.meanInterruptions(), "%.1f"));
    double gpuHoursPerSecond = e.gpuHours(1);
    out.printf("  lost GPU-hours: %,.0f redone since the last checkpoint (%s), %,.0f down (detect, %srestart, reload), %,.0f in"
        + " checkpoint stalls%n", sum(s.meanLostSeconds()) * gpuHoursPerSecond, byClass(spec, scaled(s.meanLostSeconds(),
            gpuHoursPerSecond), "%,.0f"), sum(s.meanDownSeconds()) * gpuHoursPerSecond, spec.hotSpares() ? "" : "swap, ",
        s.meanStallSeconds() * gpuHoursPerSecond);
    out.printf("  checkpoint: %.1f TB every %.0f min, %s (%.2f s stall each), written at %.1f TB/s and read at %.1f TB/s; best"
        + " interval on the engine %.0f min, Young %.0f min, Daly %.0f min (mean time between failures %.1f h)%n",
        e.checkpointBytes() / 1e12, spec.checkpointIntervalSeconds() / 60, spec.asynchronous() ? "asynchronous" : "synchronous",
        s.shape().stallSeconds(spec), s.shape().writeBytesPerSecond() / 1e12, s.shape().readBytesPerSecond() / 1e12,
        s.bestIntervalSeconds() / 60, s.youngSeconds() / 60, s.dalySeconds() / 60, s.mtbfSeconds() / 3600);
    out.printf("  rates: %s; %s; storage: %s%n", spec.components().get(0).source(), spec.source(), e.storageSource());
  }

  static ObjectNode json(ObjectMapper mapper, RunReliability.Expected e) {
    ExpectedRun.Summary s = e.summary();
    ReliabilitySpec spec = s.spec();
    ObjectNode n = mapper.createObjectNode().put("runs", s.runs()).put("fromScenario", e.fromScenario())
        .put("idealDays", e.idealDays()).put("idealUsd", e.usd(e.idealDays() * 86_400))
        .put("meanGoodput", s.meanGoodput()).put("meanInterruptions", s.meanTotalInterruptions());
    ExpectedRun.Finish f = s.finish();
    n.putObject("days").put("mean", e.days(f.meanSeconds())).put("p50", e.days(f.p50Seconds())).put("p90", e.days(f.p90Seconds()))
        .put("p99", e.days(f.p99Seconds()));
    n.putObject("gpuHours").put("mean", e.meanGpuHours()).put("p50", e.gpuHours(f.p50Seconds()))
        .put("p90", e.gpuHours(f.p90Seconds())).put("p99", e.gpuHours(f.p99Seconds()));
    n.putObject("usd").put("mean", e.usd(f.meanSeconds())).put("p50", e.usd(f.p50Seconds())).put("p90", e.usd(f.p90Seconds()))
        .put("p99", e.usd(f.p99Seconds()));
    ArrayNode causes = n.putArray("byComponent");
    for (int c = 0; c < spec.components().size(); c++) {
      causes.addObject().put("component", spec.components().get(c).component())
          .put("perThousandNodeDays", spec.components().get(c).perThousandNodeDays() * spec.rateScale())
          .put("meanInterruptions", s.meanInterruptions()[c])
          .put("lostGpuHours", e.gpuHours(s.meanLostSeconds()[c])).put("downGpuHours", e.gpuHours(s.meanDownSeconds()[c]))
          .put("source", spec.components().get(c).source());
    }
    n.put("checkpointStallGpuHours", e.gpuHours(s.meanStallSeconds()));
    n.putObject("checkpoint").put("bytes", e.checkpointBytes()).put("intervalMinutes", spec.checkpointIntervalSeconds() / 60)
        .put("asynchronous", spec.asynchronous()).put("stallSeconds", s.shape().stallSeconds(spec))
        .put("bestIntervalMinutes", s.bestIntervalSeconds() / 60).put("youngMinutes", s.youngSeconds() / 60)
        .put("dalyMinutes", s.dalySeconds() / 60).put("mtbfHours", s.mtbfSeconds() / 3600)
        .put("writeBytesPerSecond", s.shape().writeBytesPerSecond()).put("readBytesPerSecond", s.shape().readBytesPerSecond())
        .put("storageSource", e.storageSource());
    ArrayNode sweep = n.putArray("intervalSweep");
    s.sweep().forEach(p -> sweep.addObject().put("intervalMinutes", p.intervalSeconds() / 60).put("meanDays", p.meanWallSeconds() / 86_400));
    n.put("source", spec.source());
    return n;
  }

  private static String byClass(ReliabilitySpec spec, double[] values, String format) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < values.length; c++) {
      b.append(c == 0 ? "" : ", ").append(spec.components().get(c).component()).append(' ').append(String.format(format, values[c]));
    }
    return b.toString();
  }

  private static double[] scaled(double[] values, double factor) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] * factor;
    }
    return out;
  }

  private static double sum(double[] values) {
    return java.util.Arrays.stream(values).sum();
  }

  private static String usd(double dollars) {
    return String.format("$%,.0f", dollars);
  }
}

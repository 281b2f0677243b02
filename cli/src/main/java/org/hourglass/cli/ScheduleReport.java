package org.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalLong;
import org.hourglass.dualpipe.BubbleFormula;
import org.hourglass.dualpipe.Durations;
import org.hourglass.dualpipe.Execution;
import org.hourglass.dualpipe.Schedule;

/** Text and JSON views of executed pipeline schedules; every time is in the units of --f. */
final class ScheduleReport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ScheduleReport() {}

  static ObjectNode toJson(Execution run, boolean withOps) {
    Schedule schedule = run.schedule();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("kind", schedule.kind().cliName());
    node.put("ranks", schedule.ranks());
    node.put("microBatches", schedule.microBatches());
    node.put("stages", schedule.stages());
    node.put("timeUnit", "--f");
    node.put("makespan", units(run.makespanPs()));
    ArrayNode bubbles = node.putArray("bubblePerRank");
    ArrayNode peaks = node.putArray("peakActivationsPerRank");
    for (int r = 0; r < schedule.ranks(); r++) {
      bubbles.add(units(run.bubblePs(r)));
      peaks.add(run.peakActivations()[r]);
    }
    node.put("maxBubble", units(run.maxBubblePs()));
    node.put("bubbleShare", run.bubbleShare());
    OptionalLong formula = BubbleFormula.bubblePs(schedule, run.durations());
    if (formula.isPresent()) {
      node.put("formulaBubble", units(formula.getAsLong()));
    } else {
      node.putNull("formulaBubble");
    }
    node.put("peakActivationsInRankShares", run.maxPeakActivationsInRankShares());
    node.put("stagesPerRank", run.stagesPerRank());
    node.put("parameterCopies", run.parameterCopies());
    if (withOps) {
      ArrayNode ops = node.putArray("opsPerRank");
      for (int r = 0; r < schedule.ranks(); r++) {
        ops.add(schedule.tokens(r));
      }
    }
    return node;
  }

  static ObjectNode compareJson(List<Execution> runs, List<String> refused) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("ranks", runs.get(0).schedule().ranks());
    node.put("microBatches", runs.get(0).schedule().microBatches());
    ArrayNode schedules = node.putArray("schedules");
    runs.forEach(run -> schedules.add(toJson(run, false)));
    ArrayNode refusals = node.putArray("refused");
    refused.forEach(refusals::add);
    return node;
  }

  static void printText(PrintWriter out, Execution run) {
    Schedule schedule = run.schedule();
    out.printf("%s on %d ranks (%d stages), %d micro-batches%n", schedule.kind().displayName(),
        schedule.ranks(), schedule.stages(), schedule.microBatches());
    out.printf("makespan %.4f   max bubble %.4f   bubble share %.2f%%%n", units(run.makespanPs()),
        units(run.maxBubblePs()), 100 * run.bubbleShare());
    OptionalLong formula = BubbleFormula.bubblePs(schedule, run.durations());
    formula.ifPresent(f -> out.printf("table formula bubble %.4f (DeepSeek-V3 report Table 2)%n", units(f)));
    out.printf("parameters: %d stages per rank, each stage kept %dx%n", run.stagesPerRank(), run.parameterCopies());
    out.println("rank   bubble  peak activations  ops");
    for (int r = 0; r < schedule.ranks(); r++) {
      out.printf("%4d %8.4f %17d  %s%n", r, units(run.bubblePs(r)), run.peakActivations()[r], schedule.tokens(r));
    }
  }

  static void printTable(PrintWriter out, List<Execution> runs, List<String> refused) {
    Schedule first = runs.get(0).schedule();
    out.printf("%d ranks, %d micro-batches (times in units of --f; peak act in stage-activations, and in units of"
        + " one rank's share of the model)%n", first.ranks(), first.microBatches());
    out.printf("%-17s %9s %10s %8s %8s %14s %12s %7s%n", "schedule", "makespan", "max bubble", "share", "peak act",
        "(rank shares)", "stages/rank", "copies");
    for (Execution run : runs) {
      out.printf("%-17s %9.3f %10.3f %7.2f%% %8d %14.2f %12d %7d%n", run.schedule().kind().displayName(),
          units(run.makespanPs()), units(run.maxBubblePs()), 100 * run.bubbleShare(), run.maxPeakActivations(),
          run.maxPeakActivationsInRankShares(), run.stagesPerRank(), run.parameterCopies());
    }
    refused.forEach(reason -> out.println("refused: " + reason));
  }

  private static double units(long ps) {
    return Durations.toUnits(ps);
  }
}

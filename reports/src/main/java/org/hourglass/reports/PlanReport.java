package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hourglass.hardware.ClusterFigures;
import org.hourglass.scenarios.AssumptionLedger;
import org.hourglass.scenarios.Sensitivity;
import org.hourglass.scenarios.PhaseResult;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.scenarios.PublishedReference;
import org.hourglass.scenarios.RunReliability;
import org.hourglass.scenarios.Scenario;
import org.hourglass.sim.SpanLog;

/**
 * The report of a training-run plan ({@code hourglass plan --report}): its inputs, GPU-hours, days,
 * cost and MFU per phase beside DeepSeek's published table where the scenario is the published one,
 * where the main step's time goes, memory per GPU, and one simulated step of one pipeline replica.
 * Every number is a field of the {@link PlanResult} or the scenario, shown as is or summed.
 */
public final class PlanReport {
  /** The calibration stated when none is given: the cost models' built-in published figures. */
  public static final String NO_CALIBRATION = "none (published kernel and network benchmarks)";

  private PlanReport() {}

  /** The calibration profile a plan ran with and where its figures come from. */
  public record Calibration(String profile, List<String> sources) {
    public Calibration {
      Objects.requireNonNull(profile, "profile");
      sources = List.copyOf(sources);
    }

    /** No profile: the GPU datasheet, the published GEMM and attention kernel figures, the cluster's link figures. */
    public static Calibration none(Scenario scenario) {
      ClusterFigures c = scenario.cluster();
      return new Calibration(NO_CALIBRATION, List.of(
          "GPU: hardware catalog " + c.gpu().name() + " (" + c.gpu().bf16FlopsPerSecond().source() + ")",
          "GEMMs: DeepGEMM's published H800 table (FP8), the cuBLAS note (BF16)",
          "attention: " + scenario.attention().cliName() + " published utilisation",
          "memory-bound kernels: published H100 microbenchmarks of open kernels (Liger-Kernel, vLLM, torchao)",
          "NVLink: " + c.nvlinkSource(),
          "InfiniBand: " + c.ibSource()));
    }
  }

  /**
   * The report of {@code plan}; {@code replicaTrace} is the main step's span log of one pipeline
   * replica (see {@code ReplicaTrace}), drawn as a timeline and linked as {@code trace.json}.
   */
  public static Report of(PlanResult plan, SpanLog replicaTrace, String simulatorVersion, Calibration calibration) {
    return of(plan, replicaTrace, simulatorVersion, calibration, List.of(), RunReliability.of(plan.scenario(), plan));
  }

  /**
   * As {@link #of(PlanResult, SpanLog, String, Calibration)}, with the assumptions' swings charted (none: no chart) and
   * {@code expected}, the plan's expected run, already replayed.
   */
  public static Report of(PlanResult plan, SpanLog replicaTrace, String simulatorVersion, Calibration calibration,
      List<Sensitivity.Swing> swings, RunReliability.Expected expected) {
    Scenario s = plan.scenario();
    String title = "Training plan: " + s.model().name() + " on " + s.cluster().gpus() + " x " + s.cluster().gpu().name();
    List<Section> sections = new ArrayList<>();
    sections.add(PlanSummary.section(plan));
    sections.add(ExpectedRunSection.of(expected));
    sections.add(PlanCharts.stepSection(plan));
    PlanCharts.memorySection(s).ifPresent(sections::add);
    sections.add(StepTimeline.section(s, replicaTrace));
    sections.add(notes(plan));
    sections.add(assumptions(s, plan.totalGpuHours(), swings));
    return new Report(title, inputs(s, simulatorVersion, calibration), sections);
  }

  static Inputs inputs(Scenario s, String simulatorVersion, Calibration calibration) {
    return inputsBuilder(s, simulatorVersion, calibration).build();
  }

  /** The inputs of a plan of {@code s}, open for more (a sweep adds its axes). */
  static Inputs.Builder inputsBuilder(Scenario s, String simulatorVersion, Calibration calibration) {
    Inputs.Builder in = Inputs.builder(s.name(), s.sha256())
        .model(s.model().name() + " (" + s.model().source() + ")")
        .cluster(cluster(s.cluster()))
        .plan(plan(s.plan()) + ", sequence " + s.recipe().sequenceLength() + " tokens"
            + (s.plan().cp() > 1 ? ", context exchange " + s.contextExchange().cliName() : ""));
    for (int i = 0; i < s.contextPlans().size(); i++) {
      PlanSpec contextPlan = s.contextPlans().get(i);
      in.add("plan, context extension " + (i + 1), plan(contextPlan)
          + ", sequence " + s.recipe().contextExtension().get(i).sequenceLength() + " tokens"
          + (contextPlan.cp() > 1 ? ", context exchange " + s.contextExchange().cliName() : ""));
    }
    return in.add("precision", precision(s))
        .add("recomputation", s.recipe().recomputation().spelling())
        .add("routing", "Zipf skew " + s.routingSkew() + ", " + s.routingSamples() + " routing samples")
        .add("price", String.format("$%.2f per GPU-hour (%s)", s.usdPerGpuHour(), s.priceSource()))
        .calibration(calibration.profile(), calibration.sources())
        .simulatorVersion(simulatorVersion)
        .seed(s.seed());
  }

  private static String precision(Scenario s) {
    var p = s.recipe().precision();
    return String.format("%s GEMMs; working weights %s, master weights %s, gradients %s, optimizer moments %s",
        s.fp8() ? "FP8" : "BF16", p.workingWeights().spelling(), p.masterWeights().spelling(), p.gradients().spelling(),
        p.optimizerMoments().spelling());
  }

  private static String cluster(ClusterFigures c) {
    return String.format("%s (%s); NVLink %.0f GB/s, scale-out %.0f GB/s per GPU (achievable, one direction)%s",
        c.fabricDescription(), c.name(), c.nvlinkBytesPerSecond() / 1e9, c.ibBytesPerSecond() / 1e9,
        c.extrapolation().map(x -> "; estimate: " + x).orElse(""));
  }

  static String plan(PlanSpec p) {
    return String.format("PP%d%s EP%d DP%d CP%d%s, %s, %d sequence(s) per micro-batch, node limit %s, %d communication SMs",
        p.pp(), p.tp() > 1 ? " TP" + p.tp() : "", p.ep(), p.dp(), p.cp(),
        p.replicasNote(), p.schedule().displayName(), p.microBatchSequences(),
        p.nodeLimit() == 0 ? "none" : Integer.toString(p.nodeLimit()), p.communicationSms());
  }

  /** The assumption ledger: what the answer depends on, each with its source. */
  static Section assumptions(Scenario s, double baseGpuHours, List<Sensitivity.Swing> swings) {
    Table.Builder table = Table.builder("Assumptions the plan rests on").textColumn("assumption").textColumn("value")
        .textColumn("source").textColumn("scenario field");
    AssumptionLedger.of(s).forEach(a -> table.row(a.name(), a.value(), a.source(), a.path()));
    Section.Builder section = Section.builder("Assumptions").block(table.build());
    List<Sensitivity.Swing> planned = swings.stream().filter(w -> w.refusal() == null).toList();
    if (!planned.isEmpty()) {
      section.paragraph("Each assumption with a plausible range moved alone to its low and its high value, the whole run"
          + " planned at each: the change of the total GPU-hours against this plan's " + String.format("%,.0f", baseGpuHours) + ".");
      section.block(Chart.bar("sensitivity", "Sensitivity of the total GPU-hours", new Chart.Axis("assumption", ""),
          new Chart.Axis("change of total GPU-hours", "%"), planned.stream().map(w -> w.assumption().path()).toList(),
          List.of(Chart.Series.of("low end", planned.stream().mapToDouble(w -> 100 * w.lowChange(baseGpuHours)).toArray()),
              Chart.Series.of("high end", planned.stream().mapToDouble(w -> 100 * w.highChange(baseGpuHours)).toArray()))));
      Table.Builder ends = Table.builder("The ends of each range").textColumn("assumption").textColumn("low")
          .numberColumn("total at low", "GPU h", "#,##0").textColumn("high").numberColumn("total at high", "GPU h", "#,##0");
      planned.forEach(w -> ends.row(w.assumption().name(), w.assumption().range().get(0), w.lowGpuHours(),
          w.assumption().range().get(1), w.highGpuHours()));
      section.block(ends.build());
    }
    swings.stream().filter(w -> w.refusal() != null)
        .forEach(w -> section.paragraph(w.assumption().name() + ": an end was refused: " + w.refusal()));
    return section.build();
  }

  private static Section notes(PlanResult plan) {
    Section.Builder notes = Section.builder("Notes");
    for (PhaseResult p : plan.phases()) {
      p.notes().forEach(note -> notes.paragraph(p.name() + ": " + note));
    }
    Scenario s = plan.scenario();
    notes.paragraph("SFT tokens per sample: " + s.sftTokensPerSample() + " (" + s.sftTokensSource() + ")");
    if (PublishedReference.describes(s)) {
      notes.paragraph("Published figures: " + PublishedReference.SOURCE + ". They are the check, never an input.");
    } else {
      notes.paragraph("No published figures describe scenario " + s.name() + "; only predictions are shown.");
    }
    return notes.build();
  }
}

package org.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.hourglass.scenarios.AssumptionLedger;
import org.hourglass.scenarios.PhaseResult;
import org.hourglass.scenarios.PlanComparison;
import org.hourglass.scenarios.PlanResult;
import org.hourglass.scenarios.RunEnergy;
import org.hourglass.parallelism.PlanSpec;
import org.hourglass.parallelism.StepSimulator;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.scenarios.PublishedReference;
import org.hourglass.scenarios.Scenario;
import org.hourglass.scenarios.Sensitivity;
import org.hourglass.parallelism.StepReport;
import org.hourglass.parallelism.costs.ComputeKind;
import org.hourglass.validation.reference.Comparison;
import org.hourglass.validation.reference.HeldOutRunCase;
import org.hourglass.parallelism.step.IdleReason;
import org.hourglass.validation.calibration.AppliedFit;
import org.hourglass.validation.calibration.CalibratedComputeCosts;

/** Prints a plan as the terminal table or as the JSON object scripts read. */
final class PlanOutput {
  private PlanOutput() {}

  /** The phases' published GPU-hours where the scenario is the published one (context phases summed). */
  private static Double published(Scenario scenario, String phase) {
    if (!PublishedReference.describes(scenario)) {
      return null;
    }
    return PublishedReference.gpuHours(phase.startsWith("context extension") ? "context extension" : phase);
  }

  /**
   * {@code profile} is the calibration the GEMMs ran at, or null for the published efficiencies;
   * {@code expected} is the plan's expected run ({@link org.hourglass.scenarios.RunReliability#of}).
   */
  static void text(PrintWriter out, PlanResult plan, CalibratedComputeCosts profile, org.hourglass.scenarios.RunReliability.Expected expected) {
    Scenario s = plan.scenario();
    out.printf("Hourglass plan: %s (scenario sha256 %s)%n", s.name(), s.sha256().substring(0, 12));
    out.printf("%s%n", s.description());
    out.printf("Cluster: %s (%s); NVLink %.0f GB/s, scale-out %.0f GB/s per GPU (achievable, one direction)%n",
        s.cluster().fabricDescription(), s.cluster().name(), s.cluster().nvlinkBytesPerSecond() / 1e9,
        s.cluster().ibBytesPerSecond() / 1e9);
    out.printf("Plan: %s, %s GEMMs%n", layout(s.plan()), s.fp8() ? "FP8" : "BF16");
    s.cluster().extrapolation().ifPresent(why -> out.printf("Estimate: %s%n", why));
    out.println();
    if (profile != null) {
      calibration(out, profile, s);
    }
    out.printf("%-24s %10s %10s %9s %13s %13s %8s%n", "phase", "tokens", "steps", "step s", "GPU-hours", "published", "error");
    boolean contextShown = false;
    for (PhaseResult p : plan.phases()) {
      Double pub = published(s, p.name());
      String pubText = "";
      String error = "";
      if (pub != null && p.name().startsWith("context extension")) {
        if (!contextShown) {
          double both = plan.phases().stream().filter(q -> q.name().startsWith("context")).mapToDouble(PhaseResult::gpuHours).sum();
          pubText = String.format("%,.0f", pub);
          error = String.format("%+.1f%%", 100 * (both / pub - 1)) + " (both)";
          contextShown = true;
        }
      } else if (pub != null) {
        pubText = String.format("%,.0f", pub);
        error = String.format("%+.1f%%", 100 * (p.gpuHours() / pub - 1));
      }
      out.printf("%-24s %10s %10.0f %9.2f %,13.0f %13s %8s%n", p.name(), tokens(p.tokens()), p.steps(), p.stepSeconds(),
          p.gpuHours(), pubText, error);
    }
    Double total = published(s, "total");
    out.printf("%-24s %10s %10s %9s %,13.0f %13s %8s%n", "total", "", "", "", plan.totalGpuHours(),
        total == null ? "" : String.format("%,.0f", total), total == null ? "" : String.format("%+.1f%%", 100 * (plan.totalGpuHours() / total - 1)));
    out.printf("%nDays on %d GPUs: %.1f   Cost: $%,.0f at $%.2f/GPU-hour   MFU: %.1f%% of BF16 peak, %.1f%% of FP8 peak%n",
        s.cluster().gpus(), plan.days(), plan.costUsd(), s.usdPerGpuHour(), 100 * plan.mfuBf16(), 100 * plan.mfuFp8());
    out.printf("Price: %s%n", s.priceSource());
    energy(out, plan);
    ExpectedRunOutput.text(out, expected);
    if (total != null) {
      double expectedGpuHours = expected.meanGpuHours();
      out.printf("Published: %s (the check, never an input); a real run's GPU-hours include its interruptions: the expected"
          + " run's mean, %,.0f, is %+.1f%% off the published total%n", PublishedReference.SOURCE, expectedGpuHours,
          100 * (expectedGpuHours / total - 1));
    }
    for (Comparison heldOut : HeldOutRunCase.compareWith(plan)) {
      out.printf("Held-out check: %s: %s predicted, %s published, %+.1f%% (%s)%n", heldOut.name(),
          String.format("%,.0f", heldOut.predicted()), String.format("%,.0f", heldOut.published()), heldOut.errorPercent(),
          heldOut.source());
    }
    StepReport main = plan.mainStep();
    out.printf("%nMain pre-training step (%d micro-batches per pipeline): %.2f s, mean GPU%n", main.microBatches(), main.stepSeconds());
    for (ComputeKind kind : ComputeKind.values()) {
      if (main.computeMixShare()[kind.ordinal()] == 0) {
        continue; // a kind this plan never runs (TP collectives without tp, FP8 casts in BF16)
      }
      out.printf("  compute, %-26s %7.2f s  %5.1f%%%n", kind.label(), main.computeSeconds() * main.computeMixShare()[kind.ordinal()],
          100 * main.computeSeconds() * main.computeMixShare()[kind.ordinal()] / main.stepSeconds());
    }
    for (Map.Entry<IdleReason, Double> idle : main.idleSeconds().entrySet()) {
      if (idle.getValue() == 0) {
        continue; // a reason this plan never meets (exposed all-to-all of a dense model)
      }
      out.printf("  idle, %-29s %7.2f s  %5.1f%%%n", idle.getKey().label(), idle.getValue(), 100 * idle.getValue() / main.stepSeconds());
    }
    out.printf("  all-to-all bound by: %s; simulated %,d events in %.1f s%n", main.dispatchBottleneck(), main.events(), main.wallSeconds());
    org.hourglass.workload.StageSplit split = s.recipe().stageSplit();
    out.printf("  stage split, blocks per stage (%s; embedding on the first, head and MTP on the last): %s%n",
        split == org.hourglass.workload.StageSplit.BALANCED ? "balanced by cost, an assumption"
            : split.spelling() + ", recipe " + s.recipe().name(),
        java.util.Arrays.stream(main.blocksPerStage()).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(" ")));
    contextSteps(out, plan);
    out.println();
    java.util.Set<String> said = new java.util.HashSet<>();
    for (PhaseResult p : plan.phases()) {
      for (String note : p.notes()) {
        if (said.add(note)) {
          out.printf("Note (%s): %s%n", p.name(), note);
        }
      }
    }
    out.printf("%nAssumptions the plan rests on (value; source; the field that sets it):%n");
    for (AssumptionLedger.Assumption a : assumptions(s, profile)) {
      out.printf("  %s: %s; %s%s%n", a.name(), a.value(), a.source(), a.path().isEmpty() ? "" : "; " + a.path());
    }
    out.flush();
  }

  /**
   * The scenario's assumptions, with the memory-bound bandwidth's replaced by what the calibration
   * profile measured where it measured any class.
   */
  private static java.util.List<AssumptionLedger.Assumption> assumptions(Scenario s, CalibratedComputeCosts profile) {
    if (profile == null || profile.memoryBoundFits().isEmpty()) {
      return AssumptionLedger.of(s);
    }
    String measured = profile.memoryBoundFits().values().stream().map(f -> f.kernel()).collect(java.util.stream.Collectors.joining(", "));
    return AssumptionLedger.of(s).stream().map(a -> !a.name().equals(AssumptionLedger.MEMORY_BOUND_BANDWIDTH) ? a
        : new AssumptionLedger.Assumption(a.name(), "measured floor and bandwidth for " + measured + "; the other classes on the published curves: "
            + a.value(), "calibration profile " + profile.file().getFileName() + " (" + profile.profile().device() + "); " + a.source(),
            a.path(), a.range())).toList();
  }

  /** The layout in one phrase: PP16 EP64 DP128 CP1, DualPipe, node limit 4, 20 communication SMs. */
  static String layout(PlanSpec p) {
    return String.format("PP%d%s EP%d DP%d CP%d%s, %s%s, node limit %s, %d comm SMs", p.pp(), p.tp() > 1 ? " TP" + p.tp() : "",
        p.ep(), p.dp(), p.cp(), p.replicasNote(), p.schedule().displayName(), p.virtualStages() > 1 ? " (" + p.virtualStages() + " chunks per rank)" : "",
        p.nodeLimit() == 0 ? "none" : Integer.toString(p.nodeLimit()), p.communicationSms());
  }

  /** Each context-extension phase's simulated step in one line, compute and idle each largest first, as the main step's are listed. */
  private static void contextSteps(PrintWriter out, PlanResult plan) {
    for (PhaseResult p : plan.phases()) {
      if (!p.name().startsWith("context extension") || p.representativeSteps().isEmpty()) {
        continue;
      }
      StepReport step = p.representativeSteps().get(0);
      Map<String, Double> compute = new java.util.LinkedHashMap<>();
      for (ComputeKind kind : ComputeKind.values()) {
        compute.put(kind.label(), step.computeSeconds() * step.computeMixShare()[kind.ordinal()]);
      }
      Map<String, Double> idle = new java.util.LinkedHashMap<>();
      step.idleSeconds().forEach((reason, seconds) -> idle.put(reason.label(), seconds));
      out.printf("%s step (%d micro-batches per pipeline): %.2f s, mean GPU; compute: %s; idle: %s%n",
          Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1), step.microBatches(), step.stepSeconds(),
          largestFirst(compute), largestFirst(idle));
    }
  }

  private static String largestFirst(Map<String, Double> seconds) {
    return seconds.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(e -> String.format("%s %.2f s", e.getKey(), e.getValue())).collect(java.util.stream.Collectors.joining(", "));
  }

  private static void energy(PrintWriter out, PlanResult plan) {
    RunEnergy e = plan.energy();
    out.printf("Energy: %,.0f MWh at the nodes (full load, an upper bound)", e.itKwh() / 1000);
    if (e.facilityKwh().isPresent()) {
      var price = plan.scenario().energy().orElseThrow();
      out.printf(", %,.0f MWh at the meter (PUE %.2f), $%,.0f at $%.3f/kWh (%.1f%% of the GPU rental)%n", e.facilityKwh().get() / 1000,
          price.pue(), e.costUsd().get(), price.usdPerKwh(), 100 * e.costUsd().get() / plan.costUsd());
    } else {
      out.printf("; not priced: the scenario has no energy block (energy.pue, energy.usdPerKwh, energy.source)%n");
    }
  }

  /** Plans side by side: one column per plan, each after the first with its change against the first. */
  static void comparisonText(PrintWriter out, PlanComparison comparison) {
    List<PlanResult> plans = comparison.plans();
    out.printf("Hourglass plans compared (changes against %s)%n", plans.get(0).scenario().name());
    for (int i = 0; i < plans.size(); i++) {
      Scenario s = plans.get(i).scenario();
      out.printf("  [%d] %s: %s; %s, %s GEMMs; $%.2f/GPU-hour (%s)%n", i + 1, s.name(), s.cluster().fabricDescription(),
          layout(s.plan()), s.fp8() ? "FP8" : "BF16", s.usdPerGpuHour(), s.priceSource());
      s.cluster().extrapolation().ifPresent(why -> out.printf("      estimate: %s%n", why));
    }
    out.println();
    StringBuilder header = new StringBuilder(String.format("%-36s %-9s", "", "unit"));
    for (int i = 0; i < plans.size(); i++) {
      header.append(String.format(" %22s", "[" + (i + 1) + "]"));
    }
    out.println(header);
    for (PlanComparison.Metric m : comparison.metrics()) {
      StringBuilder row = new StringBuilder(String.format("%-36s %-9s", m.name(), m.unit().length() > 9 ? "" : m.unit()));
      for (int i = 0; i < plans.size(); i++) {
        Double v = m.values().get(i);
        Double change = i == 0 ? null : m.change(i);
        String cell = v == null ? "n/a" : number(v);
        row.append(String.format(" %22s", change == null ? cell : cell + String.format(" (%+.1f%%)", 100 * change)));
      }
      out.println(row);
    }
    out.printf("%nenergy at full node load (an upper bound); energy cost n/a where a"
        + " scenario has no energy block%n");
  }

  private static String number(double v) {
    double a = Math.abs(v);
    return a >= 1000 ? String.format("%,.0f", v) : a >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
  }

  static ObjectNode comparisonJson(PlanComparison comparison, CalibratedComputeCosts profile) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("baseline", comparison.plans().get(0).scenario().name());
    ArrayNode plans = root.putArray("plans");
    comparison.plans().forEach(p -> plans.add(json(p, profile)));
    ArrayNode metrics = root.putArray("metrics");
    for (PlanComparison.Metric m : comparison.metrics()) {
      ObjectNode row = metrics.addObject().put("name", m.name()).put("unit", m.unit());
      ArrayNode values = row.putArray("values");
      ArrayNode changes = row.putArray("changes");
      for (int i = 0; i < m.values().size(); i++) {
        Double v = m.values().get(i);
        Double c = m.change(i);
        if (v == null) {
          values.addNull();
        } else {
          values.add(v);
        }
        if (c == null) {
          changes.addNull();
        } else {
          changes.add(c);
        }
      }
    }
    return root;
  }

  /** The sensitivity table: each assumption's low and high value and the total GPU-hours at each. */
  static void sensitivityText(PrintWriter out, PlanResult plan, List<Sensitivity.Swing> swings) {
    double base = plan.totalGpuHours();
    out.printf("%nSensitivity of the total (%,.0f GPU-hours), each assumption moved alone:%n", base);
    out.printf("  %-42s %17s %18s %17s %18s%n", "assumption", "low", "GPU-hours", "high", "GPU-hours");
    for (Sensitivity.Swing w : swings) {
      if (w.refusal() != null) {
        out.printf("  %-42s refused: %s%n", w.assumption().name(), w.refusal());
        continue;
      }
      out.printf("  %-42s %17s %,10.0f %+6.1f%% %17s %,10.0f %+6.1f%%%n", w.assumption().name(), w.assumption().range().get(0),
          w.lowGpuHours(), 100 * w.lowChange(base), w.assumption().range().get(1), w.highGpuHours(), 100 * w.highChange(base));
    }
    out.flush();
  }

  static void sensitivityJson(ObjectNode root, PlanResult plan, List<Sensitivity.Swing> swings) {
    ArrayNode rows = root.putArray("sensitivity");
    for (Sensitivity.Swing w : swings) {
      ObjectNode row = rows.addObject().put("assumption", w.assumption().name()).put("path", w.assumption().path())
          .put("low", w.assumption().range().get(0)).put("high", w.assumption().range().get(1));
      if (w.refusal() != null) {
        row.put("refusal", w.refusal());
      } else {
        row.put("lowTotalGpuHours", w.lowGpuHours()).put("highTotalGpuHours", w.highGpuHours());
      }
    }
  }

  private static void calibration(PrintWriter out, CalibratedComputeCosts profile, Scenario s) {
    out.printf("Calibration: %s (%s, %s)%n", profile.file().getFileName(), profile.profile().device(), profile.profile().method());
    for (AppliedFit a : profile.applied().values()) {
      out.printf("  %s %s: eMax %.3f, i0 %.0f FLOP/B, R^2 %.3f, ceiling %.0f TFLOP/s (%s) -> GEMM tensor fraction %.3f (published %.3f),"
          + " HBM fraction %.3f (published %.3f)%n", a.fit().dtype(), a.fit().kernel(), a.fit().eMax(), a.fit().i0FlopsPerByte(),
          a.fit().rSquared(), a.fit().ceiling().perSecond() / 1e12, a.fit().ceiling().kind(), a.applied().tensorFraction(),
          a.replaced().tensorFraction(), a.applied().hbmFraction(), a.replaced().hbmFraction());
    }
    var curves = profile.memoryBoundCurves(s.cluster().gpu());
    var published = org.hourglass.fp8.MemoryBoundCurves.published(
        org.hourglass.parallelism.costs.Fp8ComputeCosts.deviceOf(s.cluster().gpu()));
    profile.memoryBoundFits().forEach((kernel, f) -> out.printf("  %s (%s): floor %.2f us per launch, %.3f of the HBM datasheet ->"
        + " %.2f TB/s on %s (published: floor %.2f us, %.2f TB/s)%n", f.kernel(), f.dtype(), 1e6 * f.floorSeconds(),
        f.fractionOfDatasheet(), curves.of(kernel).bytesPerSecond() / 1e12, s.cluster().gpu().name(),
        1e6 * published.of(kernel).floorSeconds(), published.of(kernel).bytesPerSecond() / 1e12));
    out.printf("  sources: %s%n", String.join(" ", profile.profile().sources()));
    if (!profile.measuredOn(s.cluster().gpu())) {
      out.printf("  note: measured on %s, applied as fractions of the %s datasheet%n", profile.profile().device(), s.cluster().gpu().name());
    }
    out.println();
  }

  static ObjectNode json(PlanResult plan, CalibratedComputeCosts profile) {
    return json(plan, profile, org.hourglass.scenarios.RunReliability.of(plan.scenario(), plan));
  }

  /** The plan as one JSON object, with {@code expected}, its expected run. */
  static ObjectNode json(PlanResult plan, CalibratedComputeCosts profile, org.hourglass.scenarios.RunReliability.Expected expected) {
    ObjectMapper mapper = new ObjectMapper();
    Scenario s = plan.scenario();
    ObjectNode root = mapper.createObjectNode();
    root.put("scenario", s.name());
    root.put("scenarioSha256", s.sha256());
    if (profile != null) {
      ObjectNode calibration = mapper.valueToTree(profile.describe());
      calibration.put("measuredOnPlanGpu", profile.measuredOn(s.cluster().gpu()));
      root.set("calibration", calibration);
    }
    root.put("reproducibilitySha256", reproducibility(s, profile));
    root.put("toolVersion", PlanReportFiles.simulatorVersion());
    root.put("seed", s.seed());
    root.put("gpus", s.cluster().gpus());
    root.put("gpu", s.cluster().gpu().name());
    root.put("cluster", s.cluster().name());
    root.put("fabric", s.cluster().fabricDescription());
    s.cluster().extrapolation().ifPresent(why -> root.put("estimate", why));
    root.set("layout", layoutJson(mapper, s.plan()));
    root.putObject("price").put("usdPerGpuHour", s.usdPerGpuHour()).put("source", s.priceSource());
    root.put("totalGpuHours", plan.totalGpuHours());
    root.put("costUsd", plan.costUsd());
    root.put("days", plan.days());
    root.put("mfuBf16", plan.mfuBf16());
    root.put("mfuFp8", plan.mfuFp8());
    root.set("energy", energyJson(mapper, plan));
    root.set("expectedRun", ExpectedRunOutput.json(mapper, expected));
    memoryJson(mapper, s).ifPresent(m -> root.set("memoryPerGpu", m));
    Double total = published(s, "total");
    if (total != null) {
      root.put("publishedTotalGpuHours", total);
      root.put("publishedSource", PublishedReference.SOURCE);
    }
    ArrayNode phases = root.putArray("phases");
    for (PhaseResult p : plan.phases()) {
      ObjectNode node = phases.addObject();
      node.put("name", p.name());
      node.put("tokens", p.tokens());
      node.put("steps", p.steps());
      node.put("stepSeconds", p.stepSeconds());
      node.put("gpuHours", p.gpuHours());
      Double pub = published(s, p.name());
      if (pub != null) {
        node.put("publishedGpuHours", pub);
      }
      ArrayNode notes = node.putArray("notes");
      p.notes().forEach(notes::add);
      ArrayNode steps = node.putArray("simulatedSteps");
      p.representativeSteps().forEach(step -> steps.add(step(mapper, step)));
    }
    root.set("mainStep", step(mapper, plan.mainStep()));
    ArrayNode assumptions = root.putArray("assumptions");
    for (AssumptionLedger.Assumption a : assumptions(s, profile)) {
      assumptions.addObject().put("name", a.name()).put("value", a.value()).put("source", a.source()).put("path", a.path());
    }
    try {
      root.set("resolvedScenario", mapper.readTree(s.resolvedJson()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return root;
  }

  /**
   * What reproduces the numbers: the effective scenario's hash, the calibration profile's bytes
   * where one was applied, and the tool version, hashed together.
   */
  static String reproducibility(Scenario s, CalibratedComputeCosts profile) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(s.sha256().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (profile != null) {
        sha.update(java.nio.file.Files.readAllBytes(profile.file()));
      }
      sha.update(PlanReportFiles.simulatorVersion().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException | java.io.IOException e) {
      throw new IllegalStateException("cannot hash the inputs: " + e.getMessage(), e);
    }
  }

  private static ObjectNode layoutJson(ObjectMapper mapper, PlanSpec p) {
    return mapper.createObjectNode().put("pp", p.pp()).put("tp", p.tp()).put("ep", p.ep()).put("dp", p.dp()).put("cp", p.cp())
        .put("schedule", p.schedule().cliName()).put("virtualStages", p.virtualStages())
        .put("microBatchSequences", p.microBatchSequences()).put("nodeLimit", p.nodeLimit())
        .put("communicationSms", p.communicationSms());
  }

  private static ObjectNode energyJson(ObjectMapper mapper, PlanResult plan) {
    RunEnergy e = plan.energy();
    ObjectNode node = mapper.createObjectNode().put("itKwh", e.itKwh());
    e.facilityKwh().ifPresent(v -> node.put("facilityKwh", v));
    e.costUsd().ifPresent(v -> node.put("costUsd", v));
    node.put("source", e.source());
    ObjectNode byPhase = node.putObject("itKwhByPhase");
    e.itKwhByPhase().forEach(byPhase::put);
    return node;
  }

  /** The busiest GPU's training memory for the main plan, where the memory model knows the schedule. */
  private static java.util.Optional<ObjectNode> memoryJson(ObjectMapper mapper, Scenario s) {
    double gib = 1L << 30;
    return new StepSimulator(s.job(), Fp8ComputeCosts::new).memory(s.plan(), s.recipe().sequenceLength())
        .map(m -> mapper.createObjectNode().put("pipelineRank", m.rank()).put("totalGib", m.totalBytes() / gib)
            .put("hbmGib", m.hbmBytes() / gib).put("weightsGib", m.weightBytes() / gib).put("gradientsGib", m.gradientBytes() / gib)
            .put("optimizerGib", (m.masterWeightBytes() + m.optimizerMomentBytes()) / gib)
            .put("activationsGib", m.activationBytes() / gib).put("microBatchesInFlight", m.microBatchesInFlight())
            .put("fits", m.fits()));
  }

  private static ObjectNode step(ObjectMapper mapper, StepReport step) {
    ObjectNode node = mapper.createObjectNode();
    node.put("sequenceLength", step.sequenceLength());
    node.put("microBatches", step.microBatches());
    node.put("tokensPerStep", step.tokensPerStep());
    node.put("stepSeconds", step.stepSeconds());
    node.put("computeSeconds", step.computeSeconds());
    ObjectNode mix = node.putObject("computeSecondsByKind");
    for (ComputeKind kind : ComputeKind.values()) {
      mix.put(kind.name(), step.computeSeconds() * step.computeMixShare()[kind.ordinal()]);
    }
    ObjectNode idle = node.putObject("idleSeconds");
    step.idleSeconds().forEach((reason, seconds) -> idle.put(reason.name(), seconds));
    node.put("mfuBf16", step.mfuBf16());
    node.put("mfuFp8", step.mfuFp8());
    node.put("allToAllBottleneck", step.dispatchBottleneck());
    node.put("events", step.events());
    ArrayNode split = node.putArray("blocksPerStage");
    for (int blocks : step.blocksPerStage()) {
      split.add(blocks);
    }
    return node;
  }

  private static String tokens(double tokens) {
    return tokens >= 1e12 ? String.format("%.2fT", tokens / 1e12) : String.format("%.1fB", tokens / 1e9);
  }
}

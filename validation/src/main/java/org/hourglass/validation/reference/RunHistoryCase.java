package org.hourglass.validation.reference;

import java.util.List;
import org.hourglass.reliability.ExpectedRun;
import org.hourglass.reliability.ReliabilitySpec;
import org.hourglass.reliability.RunShape;
import org.hourglass.scenarios.RunReliability;
import org.hourglass.scenarios.ScenarioLoader;

/**
 * Published run histories against the reliability simulation fed Meta's research-cluster rate
 * (RSC-1, 6.50 interruptions per 1000 node-days), never the rate of the run it is checked against:
 * Llama 3 405B's 54-day snapshot on 16,384 H100s (419 unexpected interruptions, effective training
 * time above 90%) and OPT-175B's restarts on 992 A100s over its final lineage (Nov 11 2021 to Jan 6
 * 2022, 56 days, about 90 restarts). The built-in split by component comes from Llama 3's Table 5;
 * only totals are compared, so the split feeds no check. Each window is simulated as a run whose
 * wall time fills it (its ideal length the window times the goodput of a first pass).
 */
public final class RunHistoryCase implements ReferenceCase {
  static final String TABLE = "Run reliability histories";
  private static final double DAY = 86_400;

  @Override
  public String table() {
    return TABLE;
  }

  @Override
  public String source() {
    return "Llama 3 (arXiv 2407.21783) s3.3.4 and Table 5; OPT-175B (arXiv 2205.01068 s2.5; metaseq chronicles final_update,"
        + " 2022-01-07); rates: Meta RSC-1 (arXiv 2410.21680 Fig. 7); reference/reliability.md s4 (checks, never inputs)";
  }

  @Override
  public List<Comparison> compare() {
    ReliabilitySpec meta = ReliabilitySpec.builtIn();
    double llamaBytes = RunReliability.checkpointBytes(ScenarioLoader.load("llama-3.1-405b-16384-h100"));
    // Llama 3's storage: 2 TB/s sustained (s3.3.1); OPT-175B's is not published, so the same figure stands in (assumption)
    RunShape llamaShape = new RunShape(54 * DAY, 16_384, 8, llamaBytes, 2e12, 2e12);
    ExpectedRun.Summary llama = window(llamaShape, meta);
    ExpectedRun.Summary llamaBest = window(llamaShape, meta.withInterval(llama.bestIntervalSeconds()));
    // OPT-175B: 175B parameters, FP32 Adam (master weight and two moments, 12 B each); its logbook's checkpoint held 1.6 TB
    ExpectedRun.Summary opt = window(new RunShape(56 * DAY, 992, 8, 175e9 * 12, 2e12, 2e12), meta);
    return List.of(
        Comparison.of("Llama 3 405B, unexpected interruptions in the 54-day snapshot", TABLE, llama.meanTotalInterruptions(), 419,
            "interruptions", source()).withFit(Comparison.HELD_OUT),
        Comparison.of(String.format("Llama 3 405B, effective training time with hourly checkpoints (published: above 90%%)"), TABLE,
            100 * llama.meanGoodput(), 90, "%", source()).withFit(Comparison.HELD_OUT),
        Comparison.of(String.format("Llama 3 405B, effective training time at the simulated best interval (%.0f min)",
            llama.bestIntervalSeconds() / 60), TABLE, 100 * llamaBest.meanGoodput(), 90, "%", source()).withFit(Comparison.HELD_OUT),
        Comparison.of("OPT-175B, restarts over the final lineage (992 GPUs, 56 days; published ~90)", TABLE,
            opt.meanTotalInterruptions(), 90, "restarts", source()).withFit(Comparison.HELD_OUT));
  }

  /** The window's run: a first pass for the goodput, then a run whose wall time is about the window. */
  private static ExpectedRun.Summary window(RunShape window, ReliabilitySpec spec) {
    double goodput = ExpectedRun.of(window, spec, 20, 0, 1).meanGoodput();
    RunShape filled = new RunShape(window.idealSeconds() * goodput, window.gpus(), window.gpusPerNode(), window.checkpointBytes(),
        window.writeBytesPerSecond(), window.readBytesPerSecond());
    return ExpectedRun.of(filled, spec, 100, 20, 1);
  }
}

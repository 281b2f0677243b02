package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.scenarios.ServingScenarioLoader;
import org.hourglass.serving.DecodeStep;
import org.hourglass.serving.ServingJob;
import org.hourglass.serving.ServingPlanner;
import org.hourglass.serving.ServingSimulation;

/**
 * The report of a serving plan ({@code hourglass serve --report DIR}): the capacity answer, decode
 * throughput and per-user speed against the batch (the chosen batch marked), cost per million output
 * tokens for each KV what-if, and, where the engine ran, latency percentiles and KV occupancy over time.
 */
public final class ServingReport {
  private ServingReport() {}

  public static Report of(ServingScenarioLoader.ServingScenario s, ServingPlanner.Plan p, ServingSimulation.Result simulated,
      String simulatorVersion) {
    ServingJob j = s.job();
    Inputs inputs = Inputs.builder(s.name(), s.sha256())
        .model(j.model().name() + " (" + j.model().source() + ")")
        .cluster(j.cluster().fabricDescription() + j.cluster().extrapolation().map(x -> "; estimate: " + x).orElse(""))
        .add("prefill unit", unit(j.prefill()) + ", " + j.prefillTokensPerGpu() + " tokens per GPU a step")
        .add("decode unit", unit(j.decode()))
        .add("KV cache", j.kvDtype().name() + ", " + String.format("%,.0f", j.kvBytesPerToken()) + " B per token")
        .add("traffic", String.format("%,.0fB input (%.1f%% cache hits), %,.0fB output tokens a day; mean prompt %,.0f, mean KV %,.0f (%s)",
            j.traffic().inputTokensPerDay() / 1e9, 100 * j.traffic().cacheHitRate(), j.traffic().outputTokensPerDay() / 1e9,
            j.traffic().promptTokens(), j.traffic().meanDecodeContext(), j.traffic().source()))
        .add("service levels", String.format("%.1f tokens/s per user, TTFT %.1f s (%s)", j.serviceLevels().tokensPerSecondPerUser(),
            j.serviceLevels().ttftSeconds(), j.serviceLevels().source()))
        .add("price", String.format("$%.2f per GPU-hour (%s)", j.usdPerGpuHour(), j.priceSource()))
        .simulatorVersion(simulatorVersion)
        .build();
    List<Section> sections = new ArrayList<>();
    sections.add(capacity(p));
    sections.add(batchSection(p));
    if (simulated != null) {
      sections.add(simulationSection(simulated, j));
    }
    return new Report("Serving plan: " + j.model().name() + " on " + j.cluster().gpu().name(), inputs, sections);
  }

  private static String unit(org.hourglass.serving.DeploymentUnit u) {
    return String.format("%d GPUs, attention TP%d DP%d, EP%d, %d routed + %d shared experts a GPU", u.gpus(), u.attentionTp(),
        u.attentionDp(), u.ep(), u.routedExpertsPerGpu(), u.sharedExpertsPerGpu());
  }

  private static Section capacity(ServingPlanner.Plan p) {
    ServingPlanner.Decode d = p.decode();
    Table.Builder t = Table.builder("Pools for the day's average traffic").textColumn("pool").numberColumn("units", "", "0")
        .numberColumn("nodes", "", "0").numberColumn("tokens/s per node", "", "#,##0")
        .numberColumn("cost per million tokens", "USD", "0.000");
    t.row("prefill (input, cache hits counted)", p.prefillUnits(), p.prefillNodes(), p.prefillInputTokensPerSecondPerNode(),
        p.usdPerMillionInputTokens());
    t.row("decode (output)", d.units(), d.nodes(), d.tokensPerSecondPerNode(), d.usdPerMillionOutputTokens());
    Table.Builder w = Table.builder("Decode with other KV caches").textColumn("KV cache").numberColumn("bytes per token", "B", "#,##0")
        .numberColumn("batch per GPU", "", "0").textColumn("limited by").numberColumn("tokens/s per node", "", "#,##0")
        .numberColumn("decode nodes", "", "0").numberColumn("per million output tokens", "USD", "0.000");
    for (ServingPlanner.Decode x : p.whatIfs()) {
      w.row(x.kv(), x.kvBytesPerToken(), x.batch(), x.limitedBy(), x.tokensPerSecondPerNode(), x.nodes(),
          Double.isNaN(x.usdPerMillionOutputTokens()) ? null : x.usdPerMillionOutputTokens());
    }
    List<String> names = p.whatIfs().stream().filter(x -> x.batch() > 0).map(ServingPlanner.Decode::kv).toList();
    Chart cost = Chart.bar("cost-per-kv-what-if", "Cost per million output tokens, per KV cache", new Chart.Axis("KV cache", ""),
        new Chart.Axis("cost", "USD per million output tokens"), names, List.of(new Chart.Series("decode",
            p.whatIfs().stream().filter(x -> x.batch() > 0).map(ServingPlanner.Decode::usdPerMillionOutputTokens).toList())));
    return Section.builder("Capacity and cost")
        .paragraph(String.format("%d nodes in all: %,.0f GPU-hours and $%,.0f a day. A decode GPU holds %d sequences (limited by %s),"
            + " each at %.1f tokens/s. Queueing and the day's swing are not in this closed form.", p.nodes(), p.gpuHoursPerDay(),
            p.usdPerDay(), d.batch(), d.limitedBy(), d.tokensPerSecondPerUser()))
        .block(t.build()).block(w.build()).block(cost).build();
  }

  private static Section batchSection(ServingPlanner.Plan p) {
    ServingJob j = p.job();
    DecodeStep step = new DecodeStep(j.model(), j.cluster().gpu(), j.decode(), j.kvBytesPerToken());
    long most = Math.max(2, p.decode().memory().sequencesThatFit(j.traffic().meanDecodeContext()));
    List<Double> xs = new ArrayList<>();
    List<Double> perNode = new ArrayList<>();
    List<Double> perUser = new ArrayList<>();
    for (int i = 0; i <= 40; i++) {
      double b = Math.max(1, Math.round(most * i / 40.0));
      double seconds = step.seconds(b, j.traffic().meanDecodeContext());
      xs.add(b);
      perNode.add(b / seconds / j.decode().attentionTp() * j.cluster().gpusPerNode());
      perUser.add(1 / seconds);
    }
    Chart throughput = Chart.line("decode-throughput-against-batch", "Decode output tokens/s per node against the batch",
        new Chart.Axis("sequences per GPU", ""), new Chart.Axis("tokens/s per node", ""), xs, List.of(new Chart.Series("decode", perNode)))
        .withMarker(Chart.Marker.vertical("chosen batch " + p.decode().batch(), p.decode().batch()));
    Chart user = Chart.line("decode-speed-per-user", "Output tokens/s per user against the batch", new Chart.Axis("sequences per GPU", ""),
        new Chart.Axis("tokens/s per user", ""), xs, List.of(new Chart.Series("per user", perUser)))
        .withMarker(Chart.Marker.horizontal(String.format("target %.0f tokens/s", j.serviceLevels().tokensPerSecondPerUser()),
            j.serviceLevels().tokensPerSecondPerUser()));
    return Section.builder("Decode batch")
        .paragraph("Up to the batch the KV cache holds, at the mean context. A larger batch makes more tokens per node and fewer per user;"
            + " the chosen batch is the largest that keeps both limits.")
        .block(throughput).block(user).build();
  }

  private static Section simulationSection(ServingSimulation.Result r, ServingJob j) {
    List<String> q = List.of("p50", "p90", "p99");
    double[] at = {0.5, 0.9, 0.99};
    List<Double> ttft = new ArrayList<>();
    List<Double> tpot = new ArrayList<>();
    for (double a : at) {
      ttft.add(ServingSimulation.Result.quantile(r.ttftSeconds(), a));
      tpot.add(1e3 * ServingSimulation.Result.quantile(r.tpotSeconds(), a));
    }
    List<Double> times = new ArrayList<>();
    List<Double> kv = new ArrayList<>();
    List<Double> waiting = new ArrayList<>();
    for (int i = 0; i < r.kvOccupancy().length; i++) {
      times.add((i + 1) * r.sampleSeconds());
      kv.add(100 * r.kvOccupancy()[i]);
      waiting.add(r.prefillBacklog()[i]);
    }
    return Section.builder("On the engine")
        .paragraph(String.format("One decode unit's share of the traffic, %.0f s simulated: %,d requests arrived, %,d finished; %,.0f output"
            + " tokens/s per decode node. Prompt and output lengths are exponential around the means (an assumption).%s",
            r.simulatedSeconds(), r.arrived(), r.finished(), r.outputTokensPerSecondPerDecodeGpu() * j.cluster().gpusPerNode(),
            r.prefillQueueGrowing() ? String.format(" Not steady: the prefill queue was still growing at the end, so the %d prefill GPUs"
                + " are short of these arrivals and the TTFT percentiles grow with the run's length.", r.prefillGpus()) : ""))
        .block(Chart.bar("ttft-percentiles", "Time to first token", new Chart.Axis("percentile", ""), new Chart.Axis("TTFT", "s"), q,
            List.of(new Chart.Series("TTFT", ttft))))
        .block(Chart.bar("tpot-percentiles", "Time per output token", new Chart.Axis("percentile", ""), new Chart.Axis("TPOT", "ms"), q,
            List.of(new Chart.Series("TPOT", tpot))))
        .block(Chart.line("kv-occupancy", "Decode KV cache in use over time", new Chart.Axis("simulated time", "s"),
            new Chart.Axis("KV cache in use", "%"), times, List.of(new Chart.Series("decode pool", kv))))
        .block(Chart.line("prefill-queue", "Prompts waiting for prefill over time (a rising line: the prefill pool is short)",
            new Chart.Axis("simulated time", "s"), new Chart.Axis("prompts waiting", ""), times,
            List.of(new Chart.Series("prefill queue", waiting))))
        .build();
  }
}

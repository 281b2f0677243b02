package org.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.scenarios.ServingScenarioLoader;
import org.hourglass.serving.ServingJob;
import org.hourglass.serving.ServingMemory;
import org.hourglass.serving.PrefillStep;
import org.hourglass.serving.ServingPlanner;
import org.hourglass.serving.ServingSimulation;
import org.hourglass.sim.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hourglass serve [SCENARIO]}: nodes, throughput, latency and cost of serving a model's traffic. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Plans serving: memory and KV cache per decode GPU, the batch that fits and keeps the per-user speed, prefill and"
        + " decode throughput per node, the fewest units of each pool for the day's traffic, GPU-hours and dollars per day and per"
        + " million tokens, and the same decode with MHA-, GQA-8- and MQA-sized KV caches side by side.")
final class ServeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "SCENARIO",
      description = "Built-in serving scenarios or YAML files (default: " + ServingScenarioLoader.DEFAULT + "; two or more: side by"
          + " side, with changes against the first); built-ins: ${COMPLETION-CANDIDATES}",
      completionCandidates = BuiltIns.class)
  List<String> scenarios = new java.util.ArrayList<>();

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a scenario field, e.g. decode.gpus=160 (repeatable).")
  List<String> overrides = List.of();

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(names = "--simulate", paramLabel = "SECONDS", defaultValue = "60", description = "Simulate one decode unit's share of"
      + " the traffic on the engine for SECONDS of simulated time: TTFT and TPOT percentiles, throughput, KV occupancy, queueing"
      + " (default: ${DEFAULT-VALUE}; 0: the closed form only).")
  double simulate;

  @Option(names = "--report", paramLabel = "DIR", description = "Also write report.md, report.html, report.json and charts into DIR.")
  java.nio.file.Path reportDir;

  @Option(names = "--size-prefill", description = "Search the fewest prefill GPUs whose engine run keeps the p90"
      + " TTFT within the service level (several runs).")
  boolean sizePrefill;

  @Option(names = "--trace", paramLabel = "FILE.csv", description = "Replay these arrivals (CSV: arrival_seconds,"
      + "prompt_tokens,output_tokens) instead of Poisson ones.")
  java.nio.file.Path trace;

  @Option(names = "--seed", description = "Seed of the simulated arrivals and lengths (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  @Override
  public void run() {
    if (scenarios.size() > 1) {
      compare();
      return;
    }
    String scenario = scenarios.isEmpty() ? ServingScenarioLoader.DEFAULT : scenarios.get(0);
    ServingScenarioLoader.ServingScenario s = ServingScenarioLoader.load(scenario, PlanCommand.parseOverrides(overrides));
    ServingJob job = s.job();
    if (reportDir != null) {
      PlanReportFiles.prepare(reportDir);
    }
    int sms = (int) job.cluster().gpu().sms().value();
    var compute = new Fp8ComputeCosts(job.cluster().gpu(), sms, KernelGeneration.DEEPGEMM_2025);
    ServingPlanner.Plan plan = new ServingPlanner(compute).plan(job);
    ServingSimulation.Result simulated = null;
    org.hourglass.serving.PrefillSizing.Answer sizing = null;
    int prefillGpus = 0;
    int closedFormPrefillGpus = 0;
    if (sizePrefill && (simulate == 0 || trace != null)) {
      throw new InvalidInputException("--size-prefill", "searches with Poisson engine runs; give a --simulate length above 0 and no --trace");
    }
    if (trace != null && simulate == 0) {
      throw new InvalidInputException("--trace", "replays arrivals on the engine; give a --simulate length above 0");
    }
    if (!(simulate >= 0) || simulate > 86_400) {
      throw new InvalidInputException("--simulate", "must be in [0, 86400] seconds (0: no engine run), got " + simulate);
    }
    if (simulate > 0) {
      ServingSimulation sim = new ServingSimulation(job, new PrefillStep(job.model(), job.cluster(), job.prefill(), compute),
          plan.decode().batch());
      int decodeGpus = job.decode().gpus();
      int fleetDecode = plan.decode().units() * decodeGpus;
      closedFormPrefillGpus = (int) Math.max(1, Math.ceil((double) plan.prefillUnits() * job.prefill().gpus() * decodeGpus / fleetDecode));
      prefillGpus = closedFormPrefillGpus;
      if (sizePrefill && trace == null) {
        sizing = org.hourglass.serving.PrefillSizing.search(sim, job, prefillGpus, decodeGpus, sim.arrivalsFor(decodeGpus, fleetDecode),
            simulate, seed);
        simulated = sizing.atAnswer();
        prefillGpus = sizing.prefillGpus();
      } else {
        simulated = trace == null ? sim.run(prefillGpus, decodeGpus, sim.arrivalsFor(decodeGpus, fleetDecode), simulate, seed)
            : sim.replay(prefillGpus, decodeGpus, org.hourglass.serving.ArrivalTrace.read(trace), simulate);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode root = json(s, plan);
      if (simulated != null) {
        root.set("simulation", simulationJson(simulated, prefillGpus, job));
      }
      if (sizing != null) {
        root.putObject("prefillSizing").put("prefillGpusPerDecodeUnit", sizing.prefillGpus()).put("runs", sizing.runs())
            .put("met", sizing.met()).put("closedFormPrefillGpusPerDecodeUnit", closedFormPrefillGpus);
      }
      out.println(root);
    } else {
      text(out, s, plan);
      if (simulated != null) {
        simulationText(out, simulated, prefillGpus, job, trace != null);
      }
      if (sizing != null) {
        int units = (int) Math.ceil((double) sizing.prefillGpus() * plan.decode().units() / job.prefill().gpus());
        out.printf("%nPrefill sized on the engine (%d runs): %d prefill GPUs per decode unit %s the p90 TTFT of %.1f s; for the fleet,"
            + " %d prefill units = %d nodes instead of the closed form's %d%n", sizing.runs(), sizing.prefillGpus(),
            sizing.met() ? "meet" : "still miss (the search stops at 16x)", job.serviceLevels().ttftSeconds(), units,
            units * job.prefill().gpus() / job.cluster().gpusPerNode(), plan.prefillNodes());
      }
    }
    out.flush();
    if (reportDir != null) {
      PlanReportFiles.write(reportDir, org.hourglass.reports.ServingReport.of(s, plan, simulated, PlanReportFiles.simulatorVersion()), null,
          spec.commandLine().getErr());
    }
  }

  /** Serving plans side by side (closed form): each figure per scenario, with its change against the first. */
  private void compare() {
    if (spec.commandLine().getParseResult().hasMatchedOption("--simulate") || reportDir != null) {
      throw new InvalidInputException("--simulate", "and --report apply to one scenario; compare closed-form plans, then simulate each");
    }
    List<ServingScenarioLoader.ServingScenario> loaded = scenarios.stream()
        .map(n -> ServingScenarioLoader.load(n, PlanCommand.parseOverrides(overrides))).toList();
    List<ServingPlanner.Plan> plans = loaded.stream().map(s -> new ServingPlanner(new Fp8ComputeCosts(s.job().cluster().gpu(),
        (int) s.job().cluster().gpu().sms().value(), KernelGeneration.DEEPGEMM_2025)).plan(s.job())).toList();
    String[] names = {"GPU price (USD/GPU h)", "KV bytes per token", "decode batch per GPU", "decode tokens/s per user",
        "decode tokens/s per node", "prefill input tokens/s per node", "nodes", "GPU-hours per day", "USD per day",
        "USD per million input tokens", "USD per million output tokens"};
    java.util.function.Function<ServingPlanner.Plan, double[]> row = p -> new double[] {p.job().usdPerGpuHour(),
        p.decode().kvBytesPerToken(), p.decode().batch(), p.decode().tokensPerSecondPerUser(), p.decode().tokensPerSecondPerNode(),
        p.prefillInputTokensPerSecondPerNode(), p.nodes(), p.gpuHoursPerDay(), p.usdPerDay(), p.usdPerMillionInputTokens(),
        p.decode().usdPerMillionOutputTokens()};
    List<double[]> values = plans.stream().map(row).toList();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode().put("baseline", loaded.get(0).name());
      ArrayNode each = root.putArray("plans");
      for (int i = 0; i < plans.size(); i++) {
        each.add(json(loaded.get(i), plans.get(i)));
      }
      ArrayNode metrics = root.putArray("metrics");
      for (int m = 0; m < names.length; m++) {
        ObjectNode n = metrics.addObject().put("name", names[m]);
        ArrayNode v = n.putArray("values");
        ArrayNode c = n.putArray("changes");
        for (int i = 0; i < plans.size(); i++) {
          v.add(values.get(i)[m]);
          double base = values.get(0)[m];
          if (i == 0 || base == 0 || Double.isNaN(base)) {
            c.addNull();
          } else {
            c.add(values.get(i)[m] / base - 1);
          }
        }
      }
      out.println(root);
    } else {
      out.printf("Hourglass serving plans compared (changes against %s)%n", loaded.get(0).name());
      for (int i = 0; i < loaded.size(); i++) {
        ServingJob j = loaded.get(i).job();
        out.printf("  [%d] %s: %d x %s, decode unit %d GPUs, %s KV%s%n", i + 1, loaded.get(i).name(), j.cluster().gpus(),
            j.cluster().gpu().name(), j.decode().gpus(), j.kvDtype().name(), j.cluster().extrapolation().map(x -> "; estimate").orElse(""));
      }
      StringBuilder header = new StringBuilder(String.format("%n%-32s", ""));
      for (int i = 0; i < plans.size(); i++) {
        header.append(String.format(" %22s", "[" + (i + 1) + "]"));
      }
      out.println(header);
      for (int m = 0; m < names.length; m++) {
        StringBuilder line = new StringBuilder(String.format("%-32s", names[m]));
        for (int i = 0; i < plans.size(); i++) {
          double v = values.get(i)[m];
          double base = values.get(0)[m];
          String cell = Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.3f", v);
          if (i > 0 && base != 0 && !Double.isNaN(base) && !Double.isNaN(v)) {
            cell += String.format(" (%+.1f%%)", 100 * (v / base - 1));
          }
          line.append(String.format(" %22s", cell));
        }
        out.println(line);
      }
    }
    out.flush();
  }

  private static void simulationText(PrintWriter out, ServingSimulation.Result r, int prefillGpus, ServingJob job, boolean traced) {
    out.printf("%nSimulated %.0f s on the engine: %d prefill GPUs, %d decode GPUs (%s), %.2f requests/s arriving%n",
        r.simulatedSeconds(), prefillGpus, job.decode().gpus(), traced ? "the trace's arrivals"
            : "one decode unit's share of the traffic", r.arrivalsPerSecond());
    out.printf("  %,d arrived, %,d finished; mean %.1f requests in the system, %.1f s each (Little: %.1f)%n", r.arrived(), r.finished(),
        r.meanInSystem(), r.meanSecondsInSystem(), r.finished() / (r.simulatedSeconds()) * r.meanSecondsInSystem());
    out.printf("  TTFT  p50 %.3f s  p90 %.3f s  p99 %.3f s%n", q(r.ttftSeconds(), 0.5), q(r.ttftSeconds(), 0.9), q(r.ttftSeconds(), 0.99));
    out.printf("  TPOT  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms (%.1f tokens/s per user at p50)%n", 1e3 * q(r.tpotSeconds(), 0.5),
        1e3 * q(r.tpotSeconds(), 0.9), 1e3 * q(r.tpotSeconds(), 0.99), 1 / q(r.tpotSeconds(), 0.5));
    int perNode = job.cluster().gpusPerNode();
    double[] kv = r.kvOccupancy();
    out.printf("  throughput: %,.0f input tokens/s per prefill node, %,.0f output tokens/s per decode node; decode KV occupancy"
        + " mean %.0f%%, peak %.0f%%%n", r.inputTokensPerSecondPerPrefillGpu() * perNode, r.outputTokensPerSecondPerDecodeGpu() * perNode,
        100 * java.util.Arrays.stream(kv).average().orElse(0), 100 * java.util.Arrays.stream(kv).max().orElse(0));
    if (r.prefillQueueGrowing()) {
      double[] b = r.prefillBacklog();
      out.printf("  Not steady: the prefill queue was still growing at the end (%,.0f prompts waiting, from %,.0f at mid-run), so the"
          + " %d prefill GPUs are short of these arrivals and the TTFT percentiles grow with the run's length; --size-prefill finds"
          + " the GPUs that keep up.%n", b[b.length - 1], b[b.length / 2], prefillGpus);
    } else if (q(r.ttftSeconds(), 0.9) > job.serviceLevels().ttftSeconds()) {
      out.printf("  TTFT p90 is above the %.1f s asked: prefill queues. The closed form sizes the prefill pool for the mean prompt,"
          + " but attention grows with the square of a prompt, so varied lengths cost more than the mean one, and a pool near"
          + " full load waits long.%n", job.serviceLevels().ttftSeconds());
    }
    out.printf("  (%s; %,d engine events)%n", traced ? "arrivals and lengths from the trace"
        : "prompt and output lengths exponential around the traffic's means, an assumption", r.events());
  }

  private static double q(double[] values, double quantile) {
    return ServingSimulation.Result.quantile(values, quantile);
  }

  private static ObjectNode simulationJson(ServingSimulation.Result r, int prefillGpus, ServingJob job) {
    ObjectNode n = new ObjectMapper().createObjectNode().put("simulatedSeconds", r.simulatedSeconds())
        .put("prefillGpus", prefillGpus).put("decodeGpus", job.decode().gpus()).put("arrivalsPerSecond", r.arrivalsPerSecond())
        .put("arrived", r.arrived()).put("finished", r.finished()).put("meanInSystem", r.meanInSystem())
        .put("meanSecondsInSystem", r.meanSecondsInSystem())
        .put("outputTokensPerSecondPerDecodeNode", r.outputTokensPerSecondPerDecodeGpu() * job.cluster().gpusPerNode())
        .put("inputTokensPerSecondPerPrefillNode", r.inputTokensPerSecondPerPrefillGpu() * job.cluster().gpusPerNode())
        .put("prefillQueueGrowing", r.prefillQueueGrowing()).put("events", r.events());
    for (double p : new double[] {0.5, 0.9, 0.99}) {
      String k = "p" + Math.round(p * 100);
      n.put("ttftSeconds" + k, q(r.ttftSeconds(), p)).put("tpotSeconds" + k, q(r.tpotSeconds(), p));
    }
    ArrayNode kv = n.putArray("kvOccupancy");
    for (double v : r.kvOccupancy()) {
      kv.add(v);
    }
    return n;
  }

  private static void text(PrintWriter out, ServingScenarioLoader.ServingScenario s, ServingPlanner.Plan p) {
    ServingJob j = p.job();
    ServingPlanner.Decode d = p.decode();
    out.printf("Hourglass serve: %s (scenario sha256 %s)%n%s%n", s.name(), s.sha256().substring(0, 12), s.description());
    out.printf("Cluster: %s; $%.2f/GPU-hour (%s)%n", j.cluster().fabricDescription(), j.usdPerGpuHour(), j.priceSource());
    j.cluster().extrapolation().ifPresent(why -> out.printf("Estimate: %s%n", why));
    out.printf("Traffic: %,.0fB input tokens/day (%.1f%% prefix-cache hits), %,.0fB output tokens/day; mean KV per output token %,.0f%n",
        j.traffic().inputTokensPerDay() / 1e9, 100 * j.traffic().cacheHitRate(), j.traffic().outputTokensPerDay() / 1e9,
        j.traffic().meanDecodeContext());
    out.printf("Service levels: %.1f tokens/s per user, first token within %.1f s%n%n", j.serviceLevels().tokensPerSecondPerUser(),
        j.serviceLevels().ttftSeconds());
    ServingMemory m = d.memory();
    out.printf("Decode GPU memory: weights %.1f GiB, held back %.1f GiB, KV cache %.1f GiB of %.1f GiB; %,.0f B per token%n",
        gib(m.weightBytes()), gib(m.reservedBytes()), gib(m.kvBytes()), gib(m.hbmBytes()), d.kvBytesPerToken());
    out.printf("Decode (unit %d GPUs, attention TP%d DP%d, EP%d): batch %d sequences a GPU (limited by %s), step %.1f ms,"
        + " %.1f tokens/s per user%n", j.decode().gpus(), j.decode().attentionTp(), j.decode().attentionDp(), j.decode().ep(),
        d.batch(), d.limitedBy(), 1e3 * d.stepSeconds(), d.tokensPerSecondPerUser());
    out.printf("  %,.0f output tokens/s per GPU, %,.0f per node%n", d.tokensPerSecondPerGpu(), d.tokensPerSecondPerNode());
    out.printf("Prefill (unit %d GPUs, attention TP%d DP%d, EP%d): %,.0f prefilled tokens/s per GPU; %,.0f input tokens/s per node"
        + " counting cache hits; one prompt's first token in %.2f s%n", j.prefill().gpus(), j.prefill().attentionTp(),
        j.prefill().attentionDp(), j.prefill().ep(), p.prefillTokensPerSecondPerGpu(), p.prefillInputTokensPerSecondPerNode(),
        p.ttftSeconds());
    out.printf("%nCapacity for the day's average traffic: %d prefill unit(s) = %d nodes, %d decode unit(s) = %d nodes, %d nodes in all%n",
        p.prefillUnits(), p.prefillNodes(), d.units(), d.nodes(), p.nodes());
    out.printf("GPU-hours per day: %,.0f   Dollars per day: $%,.0f   per million input tokens: $%.3f   per million output tokens: $%.3f%n",
        p.gpuHoursPerDay(), p.usdPerDay(), p.usdPerMillionInputTokens(), d.usdPerMillionOutputTokens());
    out.printf("%nDecode with other KV caches (same units, traffic and service levels):%n");
    out.printf("  %-16s %12s %8s %-29s %10s %14s %12s %12s%n", "KV cache", "B/token", "batch", "limited by", "step ms",
        "tok/s per node", "decode nodes", "$/M output");
    for (ServingPlanner.Decode w : p.whatIfs()) {
      out.printf("  %-16s %,12.0f %8d %-29s %10.1f %,14.0f %12d %12.3f%n", w.kv(), w.kvBytesPerToken(), w.batch(), w.limitedBy(),
          1e3 * w.stepSeconds(), w.tokensPerSecondPerNode(), w.nodes(), w.usdPerMillionOutputTokens());
    }
    out.printf("%nThe closed form leaves out queueing (the engine run below has it) and the day's swing (a pool sized for the"
        + " average is short at the peak); neither models MTP speculative decoding or the prefix cache's own cost; %.0f%% of HBM"
        + " is held back (an assumption).%n", 100 * ServingMemory.RESERVED_FRACTION);
  }

  private static double gib(double bytes) {
    return bytes / (1L << 30);
  }

  private static ObjectNode json(ServingScenarioLoader.ServingScenario s, ServingPlanner.Plan p) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode().put("scenario", s.name()).put("scenarioSha256", s.sha256())
        .put("toolVersion", PlanReportFiles.simulatorVersion()).put("gpu", p.job().cluster().gpu().name())
        .put("usdPerGpuHour", p.job().usdPerGpuHour()).put("priceSource", p.job().priceSource());
    p.job().cluster().extrapolation().ifPresent(why -> root.put("estimate", why));
    root.set("decode", decode(mapper, p.decode()));
    root.putObject("prefill").put("tokensPerSecondPerGpu", p.prefillTokensPerSecondPerGpu())
        .put("inputTokensPerSecondPerNode", p.prefillInputTokensPerSecondPerNode()).put("ttftSeconds", p.ttftSeconds())
        .put("units", p.prefillUnits()).put("nodes", p.prefillNodes());
    root.put("nodes", p.nodes()).put("gpuHoursPerDay", p.gpuHoursPerDay()).put("usdPerDay", p.usdPerDay())
        .put("usdPerMillionInputTokens", p.usdPerMillionInputTokens())
        .put("usdPerMillionOutputTokens", p.decode().usdPerMillionOutputTokens());
    ArrayNode whatIfs = root.putArray("kvWhatIfs");
    p.whatIfs().forEach(w -> whatIfs.add(decode(mapper, w)));
    return root;
  }

  private static ObjectNode decode(ObjectMapper mapper, ServingPlanner.Decode d) {
    return mapper.createObjectNode().put("kv", d.kv()).put("kvBytesPerToken", d.kvBytesPerToken())
        .put("weightGib", gib(d.memory().weightBytes())).put("kvCacheGib", gib(d.memory().kvBytes()))
        .put("batchPerGpu", d.batch()).put("limitedBy", d.limitedBy()).put("stepSeconds", d.stepSeconds())
        .put("tokensPerSecondPerUser", d.tokensPerSecondPerUser()).put("tokensPerSecondPerGpu", d.tokensPerSecondPerGpu())
        .put("tokensPerSecondPerNode", d.tokensPerSecondPerNode()).put("units", d.units()).put("nodes", d.nodes())
        .put("usdPerMillionOutputTokens", d.usdPerMillionOutputTokens());
  }

  /** The built-in serving scenario names, for --help. */
  static final class BuiltIns implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ServingScenarioLoader.builtInNames().iterator();
    }
  }
}

package org.hourglass.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hourglass.hardware.GpuSpec;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.AttentionKind;
import org.hourglass.workload.DType;
import org.hourglass.workload.KvCache;
import org.hourglass.workload.ModelCatalog;
import org.hourglass.workload.ParameterCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass kv-cache}: the KV cache one token and one sequence need, and how many sequences fit
 * in the HBM N GPUs have left after the weights (in their released dtype), beside MHA/GQA/MQA
 * equivalents of the same model.
 */
@Command(name = "kv-cache", mixinStandardHelpOptions = true,
    description = "KV-cache bytes per token and per sequence, and how many sequences fit on N GPUs after the weights.")
final class KvCacheCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Built-in model or YAML file.")
  String model;

  @Option(names = "--context", required = true, description = "Tokens per sequence.")
  long context;

  @Option(names = "--dtype", defaultValue = "bf16", description = "Cache dtype: bf16 or fp8 (default: ${DEFAULT-VALUE}).")
  String dtype;

  @Option(names = "--gpus", defaultValue = "8", description = "GPUs holding one copy of the model (default: ${DEFAULT-VALUE}; DeepSeek-V3 decodes on 320, prefills on 32).")
  int gpus;

  @Option(names = "--gpu", defaultValue = "h800", description = "GPU name or YAML file (default: ${DEFAULT-VALUE}).")
  String gpu;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    if (context < 1) {
      throw new InvalidInputException("--context", "must be 1 or more tokens, got " + context);
    }
    if (gpus < 1) {
      throw new InvalidInputException("--gpus", "must be 1 or more, got " + gpus);
    }
    DType cache = DType.parse(dtype, "--dtype");
    if (cache != DType.BF16 && cache != DType.FP8) {
      throw new InvalidInputException("--dtype", "must be bf16 or fp8, got " + dtype);
    }
    Architecture a = ModelCatalog.model(model);
    GpuSpec g = HardwareCatalog.builtIn().gpu(gpu);
    Map<String, Object> r = report(a, cache, g);
    if (json) {
      Units.printJson(spec.commandLine().getOut(), r);
    } else {
      printText(spec.commandLine().getOut(), r);
    }
    return 0;
  }

  private Map<String, Object> report(Architecture a, DType cache, GpuSpec g) {
    double hbm = gpus * g.hbmBytes().value();
    double weights = (double) ParameterCounts.of(a).total() * a.releaseWeightDtype().bytes();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", a.name());
    r.put("attention", a.attention().kind().name());
    r.put("dtype", cache.spelling());
    r.put("context", context);
    r.put("bytesPerToken", KvCache.bytesPerToken(a, cache));
    r.put("bytesPerSequence", KvCache.bytesPerSequence(a, cache, context));
    r.put("gpu", g.name());
    r.put("gpus", gpus);
    r.put("hbmBytes", hbm);
    r.put("weightBytes", weights);
    r.put("weightDtype", a.releaseWeightDtype().spelling());
    r.put("freeBytes", Math.max(0, hbm - weights));
    r.put("sequencesThatFit", KvCache.sequencesThatFit(a, cache, context, hbm - weights));
    r.put("equivalentBytesPerToken", equivalents(a, cache));
    r.put("assumptions", "weights of the main model in their released dtype; no room kept for activations, CUDA context or fragmentation; FP8 cache scales not counted");
    return r;
  }

  private static Map<String, Long> equivalents(Architecture a, DType cache) {
    Map<String, Long> r = new LinkedHashMap<>();
    r.put("asBuilt", KvCache.bytesPerToken(a, cache));
    r.put("mha", KvCache.equivalentBytesPerToken(a, AttentionKind.MHA, 0, cache));
    r.put("gqa8", KvCache.equivalentBytesPerToken(a, AttentionKind.GQA, 8, cache));
    r.put("mqa", KvCache.equivalentBytesPerToken(a, AttentionKind.MQA, 1, cache));
    return r;
  }

  @SuppressWarnings("unchecked")
  private static void printText(PrintWriter out, Map<String, Object> r) {
    out.printf("%s (%s), KV cache in %s, context %,d tokens%n", r.get("model"), r.get("attention"), r.get("dtype"), (Long) r.get("context"));
    out.printf("  bytes per token      %,d%n", (Long) r.get("bytesPerToken"));
    out.printf("  bytes per sequence   %,d (%s)%n", (Long) r.get("bytesPerSequence"), Units.gib((Long) r.get("bytesPerSequence")));
    out.printf("  on %d x %s: %s HBM, weights %s (%s), free %s%n", (Integer) r.get("gpus"), r.get("gpu"), Units.gib((Double) r.get("hbmBytes")),
        Units.gib((Double) r.get("weightBytes")), r.get("weightDtype"), Units.gib((Double) r.get("freeBytes")));
    out.printf("  sequences that fit   %,d%n", (Long) r.get("sequencesThatFit"));
    out.printf("  same model with other attention (bytes per token):%n");
    ((Map<String, Long>) r.get("equivalentBytesPerToken")).forEach((k, v) -> out.printf("    %-8s %,12d%n", k, v));
    out.printf("  (%s)%n", r.get("assumptions"));
  }
}

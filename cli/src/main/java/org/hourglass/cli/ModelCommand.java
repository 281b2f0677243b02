package org.hourglass.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hourglass.sim.InvalidInputException;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.Attention;
import org.hourglass.workload.AttentionKind;
import org.hourglass.workload.DType;
import org.hourglass.workload.FlopPart;
import org.hourglass.workload.KvCache;
import org.hourglass.workload.ModelCatalog;
import org.hourglass.workload.ParameterCounts;
import org.hourglass.workload.Recomputation;
import org.hourglass.workload.TrainingFlops;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hourglass model}: a model's architecture, parameter counts, training FLOPs per token and KV cache per token. */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Architecture, parameter counts, training FLOPs per token (by part) and KV cache per token of a model.")
final class ModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name|file>", description = "Built-in model (${COMPLETION-CANDIDATES}) or a YAML file.",
      completionCandidates = ModelNames.class)
  String model;

  @Option(names = "--seq-len", description = "Sequence length the attention core is counted at (default: ${DEFAULT-VALUE}).", defaultValue = "4096")
  int seqLen;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    if (seqLen < 1) {
      throw new InvalidInputException("--seq-len", "must be 1 or more, got " + seqLen);
    }
    Architecture a = ModelCatalog.model(model);
    Map<String, Object> report = report(a);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Units.printJson(out, report);
    } else {
      printText(out, a);
    }
    return 0;
  }

  private Map<String, Object> report(Architecture a) {
    ParameterCounts c = ParameterCounts.of(a);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", a.name());
    r.put("source", a.source());
    r.put("architecture", architecture(a));
    r.put("parameters", Map.of("total", c.total(), "activated", c.activated(), "checkpointWithMtp", c.checkpointWithMtp(),
        "mtpInCheckpoint", c.mtpInCheckpoint(), "byPart", c));
    r.put("flopsPerToken", flops(a));
    r.put("kvCacheBytesPerToken", Map.of("bf16", KvCache.bytesPerToken(a, DType.BF16), "fp8", KvCache.bytesPerToken(a, DType.FP8)));
    return r;
  }

  private static Map<String, Object> architecture(Architecture a) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("vocabSize", a.vocabSize());
    r.put("hiddenSize", a.hiddenSize());
    r.put("layers", a.layers());
    r.put("denseLayers", a.denseLayers());
    r.put("denseIntermediateSize", a.denseIntermediateSize());
    r.put("attention", a.attention());
    r.put("moe", a.moe().orElse(null));
    r.put("mtpDepth", a.mtpDepth());
    r.put("tieEmbeddings", a.tieEmbeddings());
    r.put("releaseWeightDtype", a.releaseWeightDtype().spelling());
    return r;
  }

  private Map<String, Object> flops(Architecture a) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("sequenceLength", seqLen);
    for (Recomputation rc : new Recomputation[] {Recomputation.NONE, Recomputation.DEEPSEEK_V3, Recomputation.FULL}) {
      TrainingFlops f = TrainingFlops.of(a, seqLen, rc);
      Map<String, Object> parts = new LinkedHashMap<>();
      for (FlopPart p : FlopPart.values()) {
        parts.put(p.name().toLowerCase(Locale.ROOT), Map.of("forward", f.forward(p), "backward", f.backward(p)));
      }
      r.put("recompute_" + rc.spelling(), Map.of("mainModelTotal", f.mainModelTotal(), "total", f.total(),
          "forward", f.forwardTotal(), "backward", f.backwardTotal(), "byPart", parts));
    }
    r.put("kaplanDenseEstimate", TrainingFlops.kaplanDenseEstimate(a));
    return r;
  }

  private void printText(PrintWriter out, Architecture a) {
    Attention at = a.attention();
    out.printf("%s%n  source: %s%n%n", a.name(), a.source());
    out.printf("Architecture%n");
    row(out, "layers", a.layers() + (a.moe().isPresent() ? " (" + a.denseLayers() + " dense FFN, " + a.moeLayers() + " MoE)" : " (dense FFN)"));
    row(out, "hidden size", String.valueOf(a.hiddenSize()));
    row(out, "vocabulary", a.vocabSize() + (a.tieEmbeddings() ? " (tied embeddings)" : " (untied embeddings)"));
    row(out, "attention", attention(at));
    if (a.denseLayers() > 0) {
      row(out, "dense FFN", "SwiGLU, intermediate " + a.denseIntermediateSize());
    }
    a.moe().ifPresent(m -> row(out, "MoE", m.sharedExperts() + " shared + " + m.routedExperts() + " routed experts of " + m.expertIntermediateSize()
        + ", top-" + m.expertsPerToken() + ", " + m.groupsPerToken() + " of " + m.expertGroups() + " groups, " + m.score()));
    row(out, "MTP depth", String.valueOf(a.mtpDepth()));
    printParameters(out, ParameterCounts.of(a));
    printFlops(out, a);
    out.printf("%nKV cache per token: %s (bf16), %s (fp8)%n", Units.bytes(KvCache.bytesPerToken(a, DType.BF16)), Units.bytes(KvCache.bytesPerToken(a, DType.FP8)));
  }

  private static String attention(Attention at) {
    if (at.kind() == AttentionKind.MLA) {
      return String.format(Locale.ROOT, "MLA, %d heads, q rank %d, kv rank %d, qk %d+%d (no-RoPE+RoPE), v %d",
          at.heads(), at.qLoraRank(), at.kvLoraRank(), at.qkNopeHeadDim(), at.qkRopeHeadDim(), at.vHeadDim());
    }
    return String.format(Locale.ROOT, "%s, %d heads, %d kv heads, head dim %d%s", at.kind(), at.heads(), at.kvHeads(), at.headDim(), at.qkvBias() ? ", qkv bias" : "");
  }

  private static void printParameters(PrintWriter out, ParameterCounts c) {
    out.printf("%nParameters%n");
    row(out, "total", Units.billions(c.total()));
    row(out, "activated per token", Units.billions(c.activated()));
    if (c.mtpModules() > 0) {
      row(out, "checkpoint with MTP", Units.billions(c.checkpointWithMtp()) + " (MTP adds " + Units.billions(c.mtpInCheckpoint()) + ")");
    }
    row(out, "  embedding / head", Units.billions(c.embedding()) + " / " + Units.billions(c.outputHead()));
    row(out, "  attention", Units.billions(c.attention()));
    row(out, "  dense FFN", Units.billions(c.denseFfn()));
    row(out, "  routed / shared experts", Units.billions(c.routedExperts()) + " / " + Units.billions(c.sharedExperts()));
  }

  private void printFlops(PrintWriter out, Architecture a) {
    TrainingFlops none = TrainingFlops.of(a, seqLen, Recomputation.NONE);
    out.printf("%nTraining FLOPs per token at sequence length %d (GFLOPs, matmuls only, causal attention)%n", seqLen);
    out.printf("  %-26s %10s %10s%n", "part", "forward", "backward");
    for (FlopPart p : FlopPart.values()) {
      out.printf("  %-26s %10s %10s%n", p.label(), Units.gflops(none.forward(p)), Units.gflops(none.backward(p)));
    }
    row(out, "main model, fwd+bwd", Units.gflops(none.mainModelTotal()));
    row(out, "with MTP", Units.gflops(none.total()));
    row(out, "with DeepSeek recompute", Units.gflops(TrainingFlops.of(a, seqLen, Recomputation.DEEPSEEK_V3).total()));
    row(out, "with full recompute", Units.gflops(TrainingFlops.of(a, seqLen, Recomputation.FULL).total()));
    row(out, "Kaplan 6(12Ld^2+Vd)", Units.gflops(TrainingFlops.kaplanDenseEstimate(a)));
  }

  private static void row(PrintWriter out, String name, String value) {
    out.printf("  %-26s %s%n", name, value);
  }

  /** Built-in model names for the help text. */
  static final class ModelNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ModelCatalog.modelNames().iterator();
    }
  }
}

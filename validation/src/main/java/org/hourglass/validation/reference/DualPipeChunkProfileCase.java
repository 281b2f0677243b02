package org.hourglass.validation.reference;

import java.util.List;
import java.util.Map;
import org.hourglass.comm.Fabric;
import org.hourglass.comm.MoeRouting;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.parallelism.costs.ComputeKind;
import org.hourglass.parallelism.costs.ExpertTraffic;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.parallelism.costs.StepCostModel;
import org.hourglass.parallelism.step.LayerWork;
import org.hourglass.parallelism.step.StageWork;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.ModelCatalog;

/**
 * DeepSeek's published profile of one DualPipe forward-and-backward chunk pair in training (4 MoE
 * layers each way, EP64, 4K sequences, balanced routing, H800): kernel time on the compute stream,
 * against the step model's compute for the same work, in total and by kernel class. A held-out check of
 * the compute costs; the figures were summed by Hourglass from the trace's kernel events (compute
 * stream: pid 0, tid 7) into the classes of {@code train-json-kernel-classes.csv}.
 */
public final class DualPipeChunkProfileCase implements ReferenceCase {
  private static final double PUBLISHED_COMPUTE_MS = 118.165;
  private static final double PUBLISHED_ATTENTION_MS = 21.965;

  @Override
  public String table() {
    return "DualPipe F&B chunk pair, training profile";
  }

  @Override
  public String source() {
    return "github deepseek-ai/profile-data, train.json (PyTorch profiler; F&B chunk pair, 4 MoE layers, EP64, TP1, 4K):"
        + " kernel durations summed on the compute stream (attention: flash kernels)";
  }

  @Override
  public List<Comparison> compare() {
    Architecture v3 = ModelCatalog.model("deepseek-v3");
    // the profile names no kernel generation; its kernels are DeepSeek's internal CUTLASS ones (cutlass-2024)
    Fp8ComputeCosts compute = new Fp8ComputeCosts(HardwareCatalog.builtIn().gpu("h800"), 132 - 20,
        KernelGeneration.CUTLASS_2024);
    ExpertTraffic traffic = new ExpertTraffic(MoeRouting.DEEPSEEK_V3, Fabric.H800_DEEPSEEK_V3, 64, 4096, 4, 20, 0, 1, 1);
    StepCostModel model = new StepCostModel(v3, compute, traffic, true, 4096, 2048, 64, 64);
    int first = firstBlockOfFourMoeLayerStage(model);
    double[] byKind = new double[ComputeKind.values().length];
    double[] weightGradByKind = new double[byKind.length];
    for (int block = first; block < first + 4; block++) {
      double[][] passes = model.moeLayerSecondsByPassAndKind(block);
      for (int kind = 0; kind < byKind.length; kind++) {
        byKind[kind] += 1e3 * (passes[0][kind] + passes[1][kind] + passes[2][kind]);
        weightGradByKind[kind] += 1e3 * passes[2][kind];
      }
    }
    double totalMs = java.util.Arrays.stream(byKind).sum();
    double fp8 = byKind[ComputeKind.GEMM_FP8.ordinal()];
    double wgrad = weightGradByKind[ComputeKind.GEMM_FP8.ordinal()];
    Map<String, Double> measured = measuredMs();
    double measuredMemoryBound = measured.get("norms") + measured.get("rope") + measured.get("swiglu")
        + measured.get("permutation and reduce") + measured.get("router") + measured.get("copies")
        + measured.get("other elementwise");
    return List.of(
        row("compute of the pair (forward, input and weight gradients)", totalMs, PUBLISHED_COMPUTE_MS),
        row("FP8 GEMMs, forward and input gradient (recomputation included)", fp8 - wgrad,
            measured.get("fp8 gemm forward and input gradient")),
        row("FP8 GEMMs, weight gradient", wgrad, measured.get("fp8 gemm weight gradient")),
        row("BF16 GEMMs (router)", byKind[ComputeKind.GEMM_BF16.ordinal()], measured.get("bf16 gemm")),
        row("attention core (forward and backward)", byKind[ComputeKind.ATTENTION.ordinal()], PUBLISHED_ATTENTION_MS),
        row("FP8 casts and transposes", byKind[ComputeKind.FP8_CAST.ordinal()], measured.get("fp8 casts and transposes")),
        row("memory-bound: norms, RoPE, SwiGLU, permutation and reduce, router, copies, elementwise",
            byKind[ComputeKind.MEMORY_BOUND.ordinal()], measuredMemoryBound));
  }

  /** The profile's compute-stream milliseconds by kernel class (the resource beside this class). */
  static Map<String, Double> measuredMs() {
    Map<String, Double> ms = new java.util.LinkedHashMap<>();
    try (var in = DualPipeChunkProfileCase.class.getResourceAsStream("train-json-kernel-classes.csv");
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
      reader.lines().filter(l -> !l.startsWith("#") && !l.startsWith("class,") && !l.isBlank())
          .forEach(l -> ms.put(l.split(",")[0], Double.parseDouble(l.split(",")[1])));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ms;
  }

  private static int firstBlockOfFourMoeLayerStage(StepCostModel model) {
    int[][] oneStagePerRank = new int[16][];
    for (int r = 0; r < 16; r++) {
      oneStagePerRank[r] = new int[] {r};
    }
    StageWork[] stages = model.stages(oneStagePerRank, 16, 0);
    for (int s = 0; s < stages.length; s++) {
      StageWork stage = stages[s];
      if (stage.layers().size() == 4 && stage.layers().stream().allMatch(LayerWork::moe) && stage.extraForwardPs() == 0) {
        return model.split().firstBlock(s);
      }
    }
    throw new IllegalStateException("no stage of exactly 4 MoE layers in the DeepSeek-V3 split");
  }

  private Comparison row(String what, double predictedMs, double publishedMs) {
    return new Comparison(what, table(), predictedMs, publishedMs, "ms", source(), Comparison.OK, Comparison.HELD_OUT);
  }

}

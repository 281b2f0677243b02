package org.hourglass.validation.reference;

import java.util.List;
import org.hourglass.comm.Fabric;
import org.hourglass.comm.MoeRouting;
import org.hourglass.fp8.KernelGeneration;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.parallelism.costs.ExpertTraffic;
import org.hourglass.parallelism.costs.Fp8ComputeCosts;
import org.hourglass.parallelism.costs.StepCostModel;
import org.hourglass.parallelism.step.LayerWork;
import org.hourglass.parallelism.step.StageWork;
import org.hourglass.sim.SimTime;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.ModelCatalog;

/**
 * DeepSeek's published profile of one DualPipe forward-and-backward chunk pair in training (4 MoE
 * layers each way, EP64, 4K sequences, balanced routing, H800): kernel time on the compute stream,
 * against the step model's compute for the same work. A held-out check of the compute costs; the
 * figures were summed by Hourglass from the trace's kernel events (compute stream: pid 0, tid 7).
 */
public final class DualPipeChunkProfileCase implements ReferenceCase {
  private static final double PUBLISHED_COMPUTE_MS = 118.165;
  private static final double PUBLISHED_ATTENTION_MS = 21.965;
  private static final double PUBLISHED_OTHER_MS = 118.165 - 21.965;

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
    // the profile names no kernel generation: priced with the default scenario's (DeepSeek's 2024 kernels)
    Fp8ComputeCosts compute = new Fp8ComputeCosts(HardwareCatalog.builtIn().gpu("h800"), 132 - 20,
        KernelGeneration.CUTLASS_2024);
    ExpertTraffic traffic = new ExpertTraffic(MoeRouting.DEEPSEEK_V3, Fabric.H800_DEEPSEEK_V3, 64, 4096, 4, 20, 0, 1, 1);
    StageWork stage = fourMoeLayerStage(new StepCostModel(v3, compute, traffic, true, 4096, 2048, 64, 64));
    double totalMs = 0;
    for (LayerWork layer : stage.layers()) {
      totalMs += ms(layer.attentionForwardPs() + layer.attentionInputGradPs() + layer.attentionWeightGradPs()
          + layer.mlpForwardPs()[0] + layer.mlpInputGradPs()[0] + layer.mlpWeightGradPs()[0]);
    }
    var a = v3.attention();
    double attentionMs = 4e3 * (compute.attentionSeconds(a.heads(), a.qkHeadDim(), a.valueHeadDim(), 4096, 2048, false)
        + compute.attentionSeconds(a.heads(), a.qkHeadDim(), a.valueHeadDim(), 4096, 2048, true));
    return List.of(
        row("compute of the pair (forward, input and weight gradients)", totalMs, PUBLISHED_COMPUTE_MS),
        row("attention core (forward and backward)", attentionMs, PUBLISHED_ATTENTION_MS),
        row("everything else: GEMMs, FP8 casts and transposes, norms, permutation", totalMs - attentionMs,
            PUBLISHED_OTHER_MS));
  }

  private static StageWork fourMoeLayerStage(StepCostModel model) {
    int[][] oneStagePerRank = new int[16][];
    for (int r = 0; r < 16; r++) {
      oneStagePerRank[r] = new int[] {r};
    }
    for (StageWork stage : model.stages(oneStagePerRank, 16, 0)) {
      if (stage.layers().size() == 4 && stage.layers().stream().allMatch(LayerWork::moe) && stage.extraForwardPs() == 0) {
        return stage;
      }
    }
    throw new IllegalStateException("no stage of exactly 4 MoE layers in the DeepSeek-V3 split");
  }

  private Comparison row(String what, double predictedMs, double publishedMs) {
    return new Comparison(what, table(), predictedMs, publishedMs, "ms", source(), Comparison.OK, Comparison.HELD_OUT);
  }

  private static double ms(long ps) {
    return ps / (double) SimTime.PS_PER_MS;
  }
}

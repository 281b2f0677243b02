package org.hourglass.parallelism.costs;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.parallelism.step.LayerWork;
import org.hourglass.parallelism.step.StageWork;
import org.hourglass.sim.SimTime;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.MoeSpec;
import org.hourglass.workload.Recomputation;
import org.hourglass.workload.StagePlan;
import org.hourglass.workload.StageSplit;

/**
 * The work of every model stage for one micro-batch on one GPU, from first principles: each
 * layer's GEMMs (their FLOPs from the architecture, their time from {@link ComputeCosts}), the
 * attention core, the memory-bound passes, the routed experts' rows and all-to-alls from
 * {@link ExpertTraffic}. Backward input gradients rerun what the recipe recomputes (DeepSeek-V3:
 * RMSNorm and the MLA up-projections, report 3.3.3; full recomputation: each block's whole forward);
 * weight gradients are the W that DualPipe defers.
 *
 * <p>Precision follows the report (3.3.1): linear layers in FP8 (or BF16 for the what-if), the
 * attention core, the router and the output head in BF16. Activations move between stages in BF16.
 *
 * <p>Under tensor parallelism ({@link TensorParallel}) the costs are one GPU's of its group: heads,
 * FFN width and vocabulary divided by the degree, token-wise passes on 1/degree of the tokens, and
 * the group's collectives around each layer.
 *
 * <p>What each piece of a block costs is {@link BlockCosts}'s; this class assembles the pieces into
 * layers (one MLP cost per GPU of an expert group, from its routing draw), splits the layers over
 * stages and keeps the step's compute mix.
 */
public final class StepCostModel {
  private static final double BF16 = 2.0;
  private final Architecture model;
  private final BlockCosts blocks;
  private final ExpertTraffic experts;
  private final long tokens;
  private final int replicas;
  private final int groupsPerRank;
  private final int ep;
  private final TensorParallel tp;
  private final double[] mixSeconds = new double[ComputeKind.values().length];
  private StagePlan split;

  /**
   * @param tokens tokens of one micro-batch on one GPU (its share of the sequence under context parallelism)
   * @param meanContext keys each query sees on average: half the sequence under the causal mask
   * @param replicas GPUs per pipeline rank (dp)
   */
  public StepCostModel(Architecture model, ComputeCosts compute, ExpertTraffic experts, boolean fp8, long tokens,
      double meanContext, int replicas, int ep) {
    this(model, compute, experts, fp8, tokens, meanContext, replicas, ep, TensorParallel.NONE, ContextParallel.NONE,
        Recomputation.DEEPSEEK_V3);
  }

  /**
   * @param replicas tensor-parallel groups per pipeline rank (dp)
   * @param tp the tensor-parallel group every replica is (a dense model only: experts are not split)
   * @param cp the context-parallel group that shares each sequence
   * @param recompute what the backward reruns (the recipe's choice)
   */
  public StepCostModel(Architecture model, ComputeCosts compute, ExpertTraffic experts, boolean fp8, long tokens,
      double meanContext, int replicas, int ep, TensorParallel tp, ContextParallel cp, Recomputation recompute) {
    if (tp.degree() > 1 && model.moe().isPresent()) {
      throw new IllegalArgumentException("tensor parallelism of MoE layers is not modelled");
    }
    this.tp = tp;
    this.model = model;
    this.blocks = new BlockCosts(model, compute, fp8, tokens, meanContext, tp, cp, recompute);
    this.experts = experts;
    this.tokens = tokens;
    this.replicas = replicas;
    this.groupsPerRank = replicas / ep;
    this.ep = ep;
  }

  /**
   * The work of each of {@code stages} model stages, with {@code handoffPs} between neighbours. The
   * blocks are split into contiguous runs that minimise the heaviest rank's compute ({@code
   * stagesOfRank} lists each pipeline rank's stages) (embedding on
   * the first stage; output head, MTP modules and their heads on the last), as a planner balances a
   * pipeline; DeepSeek does not publish its split. A recipe that publishes its rule ({@code rule}
   * other than balanced) is cut by that rule instead. Call once per model.
   */
  public StageWork[] stages(int[][] stagesOfRank, int stages, long handoffPs) {
    return stages(stagesOfRank, stages, handoffPs, 0, StageSplit.BALANCED);
  }

  /** As {@link #stages(int[][], int, long)}, cut by {@code rule}. */
  public StageWork[] stages(int[][] stagesOfRank, int stages, long handoffPs, long handoffLatencyPs, StageSplit rule) {
    int mainBlocks = model.layers();
    List<LayerWork> layers = new ArrayList<>();
    for (int b = 0; b < mainBlocks; b++) {
      layers.add(layer(b, model.isMoeLayer(b)));
    }
    List<LayerWork> mtpLayers = new ArrayList<>();
    LayerCosts last = blocks.head();
    for (int d = 0; d < model.mtpDepth(); d++) {
      mtpLayers.add(layer(mainBlocks + d, model.moe().isPresent()));
      last = last.plus(blocks.mtpProjection()).plus(blocks.head());
    }
    LayerCosts first = blocks.embedding();
    record(first, 1);
    record(last, 1);
    double[] blockSeconds = layers.stream().mapToDouble(StepCostModel::meanSeconds).toArray();
    double lastExtra = total(last) + mtpLayers.stream().mapToDouble(StepCostModel::meanSeconds).sum();
    split = new StagePlan(model, rule == StageSplit.BALANCED
        ? BalancedSplit.boundaries(blockSeconds, stagesOfRank, stages, total(first), lastExtra)
        : rule.boundaries(mainBlocks, stages, "recipe.stageSplit"));
    StageWork[] work = new StageWork[stages];
    for (int s = 0; s < stages; s++) {
      List<LayerWork> stageLayers = new ArrayList<>(layers.subList(split.firstBlock(s), split.firstBlock(s + 1)));
      LayerCosts extra = s == 0 ? first : LayerCosts.ZERO;
      if (s == stages - 1) {
        stageLayers.addAll(mtpLayers);
        extra = extra.plus(last);
      }
      work[s] = new StageWork(stageLayers, ps(extra.forwardSeconds()), ps(extra.inputGradSeconds()),
          ps(extra.weightGradSeconds()), handoffPs, handoffLatencyPs);
    }
    return work;
  }

  /** The stage split {@link #stages} chose. */
  public StagePlan split() {
    return split;
  }

  private static double meanSeconds(LayerWork layer) {
    double mlp = 0;
    for (int r = 0; r < layer.mlpForwardPs().length; r++) {
      mlp += layer.mlpForwardPs()[r] + layer.mlpInputGradPs()[r] + layer.mlpWeightGradPs()[r];
    }
    mlp /= layer.mlpForwardPs().length;
    long attention = layer.attentionForwardPs() + layer.attentionInputGradPs() + layer.attentionWeightGradPs();
    return SimTime.toSeconds((long) mlp + attention);
  }

  private static double total(LayerCosts costs) {
    return costs.forwardSeconds() + costs.inputGradSeconds() + costs.weightGradSeconds();
  }

  /** Bytes of one micro-batch's activations one GPU hands to the next stage (BF16 hidden states, its 1/tp of the tokens). */
  public double handoffBytes() {
    return tokens * model.hiddenSize() * BF16 / tp.degree();
  }

  private LayerWork layer(int block, boolean moe) {
    LayerCosts attention = blocks.rerunWhenFull(blocks.attentionBlock());
    if (!moe) {
      LayerCosts ffn = blocks.rerunWhenFull(
          blocks.denseFfn(model.denseIntermediateSize()).plus(blocks.tensorParallelCollectives()));
      record(attention.plus(ffn), 1);
      return LayerWork.dense(replicas, ps(attention.forwardSeconds()), ps(attention.inputGradSeconds()),
          ps(attention.weightGradSeconds()), ps(ffn.forwardSeconds()), ps(ffn.inputGradSeconds()), ps(ffn.weightGradSeconds()));
    }
    MoeSpec moeSpec = model.moe().orElseThrow();
    LayerCosts shared = sharedExpertsAndReduce(moeSpec);
    long[] mlpF = new long[replicas];
    long[] mlpB = new long[replicas];
    long[] mlpW = new long[replicas];
    long[][] a2a = new long[4][groupsPerRank];
    long[][] ib = new long[2][groupsPerRank];
    long latencyPs = 0;
    record(attention, 1);
    for (int group = 0; group < groupsPerRank; group++) {
      ExpertTraffic.Draw draw = experts.draw(block, group);
      a2a[0][group] = draw.dispatchPs();
      a2a[1][group] = draw.combinePs();
      a2a[2][group] = draw.combineBackwardPs();
      a2a[3][group] = draw.dispatchBackwardPs();
      ib[0][group] = draw.dispatchIbPs();
      ib[1][group] = draw.combineIbPs();
      latencyPs = draw.latencyPs();
      for (int member = 0; member < ep; member++) {
        LayerCosts mlp = moeMlp(shared, draw, member, moeSpec);
        record(mlp, 1.0 / replicas);
        int replica = group * ep + member;
        mlpF[replica] = ps(mlp.forwardSeconds());
        mlpB[replica] = ps(mlp.inputGradSeconds());
        mlpW[replica] = ps(mlp.weightGradSeconds());
      }
    }
    return new LayerWork(true, ps(attention.forwardSeconds()), ps(attention.inputGradSeconds()), ps(attention.weightGradSeconds()),
        mlpF, mlpB, mlpW, a2a[0], a2a[1], a2a[2], a2a[3], ib[0], ib[1], latencyPs);
  }

  private LayerCosts sharedExpertsAndReduce(MoeSpec m) {
    return blocks.denseFfn((long) m.sharedExperts() * m.expertIntermediateSize()).plus(blocks.combineReduction());
  }

  private LayerCosts moeMlp(LayerCosts shared, ExpertTraffic.Draw draw, int member, MoeSpec m) {
    return blocks.rerunWhenFull(shared.plus(blocks.routedExperts(draw.rowsPerExpertByGpu()[member], m)));
  }

  /**
   * Seconds of MoE block {@code block} on the first GPU of the first expert group, by pass (forward,
   * input gradients, weight gradients) and {@link ComputeKind}: what a kernel-level profile of that
   * GPU would sum its compute stream's kernels into.
   */
  public double[][] moeLayerSecondsByPassAndKind(int block) {
    MoeSpec m = model.moe().orElseThrow(() -> new IllegalStateException(model.name() + " has no MoE layers"));
    LayerCosts layer = blocks.rerunWhenFull(blocks.attentionBlock())
        .plus(moeMlp(sharedExpertsAndReduce(m), experts.draw(block, 0), 0, m));
    return new double[][] {layer.forward(), layer.inputGrad(), layer.weightGrad()};
  }

  /**
   * Compute seconds of one micro-batch through every stage (forward, backward and weight
   * gradients), averaged over replicas, by kind: the mix of the step's busy compute.
   */
  public double[] computeMixSeconds() {
    return mixSeconds.clone();
  }

  private void record(LayerCosts costs, double weight) {
    double[] all = costs.allPasses();
    for (int i = 0; i < all.length; i++) {
      mixSeconds[i] += weight * all[i];
    }
  }

  private static long ps(double seconds) {
    return SimTime.fromSeconds(seconds);
  }
}

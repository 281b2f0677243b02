package org.hourglass.parallelism.costs;

import java.util.ArrayList;
import java.util.List;
import org.hourglass.parallelism.step.LayerWork;
import org.hourglass.parallelism.step.StageWork;
import org.hourglass.sim.SimTime;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.Attention;
import org.hourglass.workload.AttentionKind;
import org.hourglass.workload.MoeSpec;
import org.hourglass.workload.Recomputation;
import org.hourglass.workload.StagePlan;

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
 */
public final class StepCostModel {
  private static final double BF16 = 2.0;
  private static final long GROUPED_ROW_ALIGNMENT = 128;
  private final Architecture model;
  private final ComputeCosts compute;
  private final ExpertTraffic experts;
  private final boolean fp8;
  private final long tokens;
  private final double meanContext;
  private final int replicas;
  private final int groupsPerRank;
  private final int ep;
  private final TensorParallel tp;
  private final Recomputation recompute;
  private final double[] mixSeconds = new double[ComputeKind.values().length];
  private StagePlan split;

  /**
   * @param tokens tokens of one micro-batch on one GPU (its share of the sequence under context parallelism)
   * @param meanContext keys each query sees on average: half the sequence under the causal mask
   * @param replicas GPUs per pipeline rank (dp)
   */
  public StepCostModel(Architecture model, ComputeCosts compute, ExpertTraffic experts, boolean fp8, long tokens,
      double meanContext, int replicas, int ep) {
    this(model, compute, experts, fp8, tokens, meanContext, replicas, ep, TensorParallel.NONE, Recomputation.DEEPSEEK_V3);
  }

  /**
   * @param replicas tensor-parallel groups per pipeline rank (dp)
   * @param tp the tensor-parallel group every replica is (a dense model only: experts are not split)
   * @param recompute what the backward reruns (the recipe's choice)
   */
  public StepCostModel(Architecture model, ComputeCosts compute, ExpertTraffic experts, boolean fp8, long tokens,
      double meanContext, int replicas, int ep, TensorParallel tp, Recomputation recompute) {
    if (tp.degree() > 1 && model.moe().isPresent()) {
      throw new IllegalArgumentException("tensor parallelism of MoE layers is not modelled");
    }
    this.tp = tp;
    this.recompute = recompute;
    this.model = model;
    this.compute = compute;
    this.experts = experts;
    this.fp8 = fp8;
    this.tokens = tokens;
    this.meanContext = meanContext;
    this.replicas = replicas;
    this.groupsPerRank = replicas / ep;
    this.ep = ep;
  }

  /**
   * The work of each of {@code stages} model stages, with {@code handoffPs} between neighbours. The
   * blocks are split into contiguous runs that minimise the heaviest rank's compute ({@code
   * stagesOfRank} lists each pipeline rank's stages) (embedding on
   * the first stage; output head, MTP modules and their heads on the last), as a planner balances a
   * pipeline; DeepSeek does not publish its split. Call once per model.
   */
  public StageWork[] stages(int[][] stagesOfRank, int stages, long handoffPs) {
    int blocks = model.layers();
    List<LayerWork> layers = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      layers.add(layer(b, model.isMoeLayer(b)));
    }
    List<LayerWork> mtpLayers = new ArrayList<>();
    LayerCosts last = head();
    for (int d = 0; d < model.mtpDepth(); d++) {
      mtpLayers.add(layer(blocks + d, model.moe().isPresent()));
      last = last.plus(mtpProjection()).plus(head());
    }
    LayerCosts first = embedding();
    record(first, 1);
    record(last, 1);
    double[] blockSeconds = layers.stream().mapToDouble(StepCostModel::meanSeconds).toArray();
    double lastExtra = total(last) + mtpLayers.stream().mapToDouble(StepCostModel::meanSeconds).sum();
    split = new StagePlan(model, BalancedSplit.boundaries(blockSeconds, stagesOfRank, stages, total(first), lastExtra));
    StageWork[] work = new StageWork[stages];
    for (int s = 0; s < stages; s++) {
      List<LayerWork> stageLayers = new ArrayList<>(layers.subList(split.firstBlock(s), split.firstBlock(s + 1)));
      LayerCosts extra = s == 0 ? first : LayerCosts.ZERO;
      if (s == stages - 1) {
        stageLayers.addAll(mtpLayers);
        extra = extra.plus(last);
      }
      work[s] = new StageWork(stageLayers, ps(extra.forwardSeconds()), ps(extra.inputGradSeconds()),
          ps(extra.weightGradSeconds()), handoffPs);
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
    LayerCosts attention = rerunWhenFull(attentionBlock());
    if (!moe) {
      LayerCosts ffn = rerunWhenFull(denseFfn(model.denseIntermediateSize()).plus(tensorParallelCollectives()));
      record(attention.plus(ffn), 1);
      return LayerWork.dense(replicas, ps(attention.forwardSeconds()), ps(attention.inputGradSeconds()),
          ps(attention.weightGradSeconds()), ps(ffn.forwardSeconds()), ps(ffn.inputGradSeconds()), ps(ffn.weightGradSeconds()));
    }
    MoeSpec moeSpec = model.moe().orElseThrow();
    LayerCosts shared = denseFfn((long) moeSpec.sharedExperts() * moeSpec.expertIntermediateSize())
        .plus(combineReduction(moeSpec));
    long[] mlpF = new long[replicas];
    long[] mlpB = new long[replicas];
    long[] mlpW = new long[replicas];
    long[][] a2a = new long[4][groupsPerRank];
    record(attention, 1);
    for (int group = 0; group < groupsPerRank; group++) {
      ExpertTraffic.Draw draw = experts.draw(block, group);
      a2a[0][group] = draw.dispatchPs();
      a2a[1][group] = draw.combinePs();
      a2a[2][group] = draw.combineBackwardPs();
      a2a[3][group] = draw.dispatchBackwardPs();
      for (int member = 0; member < ep; member++) {
        LayerCosts mlp = rerunWhenFull(shared.plus(routedExperts(draw.rowsPerExpertByGpu()[member], moeSpec)));
        record(mlp, 1.0 / replicas);
        int replica = group * ep + member;
        mlpF[replica] = ps(mlp.forwardSeconds());
        mlpB[replica] = ps(mlp.inputGradSeconds());
        mlpW[replica] = ps(mlp.weightGradSeconds());
      }
    }
    return new LayerWork(true, ps(attention.forwardSeconds()), ps(attention.inputGradSeconds()), ps(attention.weightGradSeconds()),
        mlpF, mlpB, mlpW, a2a[0], a2a[1], a2a[2], a2a[3]);
  }

  /** Norm, projections, attention core, output projection, router; MLA recomputes its up-projections. */
  private LayerCosts attentionBlock() {
    Attention a = model.attention();
    long d = model.hiddenSize();
    int heads = a.heads() / tp.degree();
    LayerCosts costs = norms(d);
    LayerCosts upProjections = LayerCosts.ZERO;
    if (a.kind() == AttentionKind.MLA) {
      costs = costs.plus(LayerCosts.gemm(compute, tokens, a.qLoraRank() + a.kvLoraRank() + a.qkRopeHeadDim(), d, fp8));
      upProjections = LayerCosts.gemm(compute, tokens, (long) heads * a.qkHeadDim(), a.qLoraRank(), fp8)
          .plus(LayerCosts.gemm(compute, tokens, (long) heads * (a.qkNopeHeadDim() + a.vHeadDim()), a.kvLoraRank(), fp8));
      costs = costs.plus(upProjections).plus(norms(a.qLoraRank() + a.kvLoraRank()));
    } else {
      long kvHeads = Math.max(1, a.kvHeads() / tp.degree());
      costs = costs.plus(LayerCosts.gemm(compute, tokens, (heads + 2 * kvHeads) * a.headDim(), d, fp8));
    }
    double coreForward = compute.attentionSeconds(heads, a.qkHeadDim(), a.valueHeadDim(), tokens, meanContext, false);
    double coreBackward = compute.attentionSeconds(heads, a.qkHeadDim(), a.valueHeadDim(), tokens, meanContext, true);
    costs = costs.plus(LayerCosts.of(ComputeKind.ATTENTION, coreForward, coreBackward, 0));
    costs = costs.plus(LayerCosts.gemm(compute, tokens, d, (long) heads * a.valueHeadDim(), fp8));
    costs = costs.plus(rope(a));
    LayerCosts router = model.moe().map(m -> LayerCosts.gemm(compute, tokens, m.routedExperts(), d, false))
        .orElse(LayerCosts.ZERO);
    LayerCosts recomputed = LayerCosts.ZERO;
    if (!recompute.fullBlocks() && a.kind() == AttentionKind.MLA) {
      recomputed = (recompute.mlaUpProjections() ? upProjections : LayerCosts.ZERO)
          .plus(recompute.norms() ? norms(d) : LayerCosts.ZERO).recomputedInBackward();
    }
    return costs.plus(router).plus(recomputed);
  }

  /** Under full recomputation the backward first reruns the block's whole forward. */
  private LayerCosts rerunWhenFull(LayerCosts block) {
    return recompute.fullBlocks() ? block.plus(block.recomputedInBackward()) : block;
  }

  /** SwiGLU FFN of width {@code width}: gate and up in one GEMM, the activation, then down. */
  private LayerCosts denseFfn(long fullWidth) {
    long d = model.hiddenSize();
    long width = fullWidth / tp.degree();
    if (width == 0) {
      return LayerCosts.ZERO;
    }
    return norms(d).plus(LayerCosts.gemm(compute, tokens, 2 * width, d, fp8))
        .plus(LayerCosts.memoryBound(compute, tokens * width * 3 * BF16))
        .plus(LayerCosts.gemm(compute, tokens, d, width, fp8));
  }

  /**
   * The GPU's routed experts as grouped GEMMs over the rows each received. In the contiguous grouped
   * layout every expert's rows are padded to a multiple of 128 (DeepGEMM README, "M-axis aligned to
   * 128"), and the padding is computed, so the GEMMs see padded rows.
   */
  private LayerCosts routedExperts(long[] received, MoeSpec m) {
    long d = model.hiddenSize();
    long width = m.expertIntermediateSize();
    long total = 0;
    long[] rows = new long[received.length];
    for (int e = 0; e < received.length; e++) {
      total += received[e];
      rows[e] = (received[e] + GROUPED_ROW_ALIGNMENT - 1) / GROUPED_ROW_ALIGNMENT * GROUPED_ROW_ALIGNMENT;
    }
    double upF = compute.groupedGemmSeconds(rows, 2 * width, d, fp8);
    double downF = compute.groupedGemmSeconds(rows, d, width, fp8);
    double upB = compute.groupedGemmSeconds(rows, d, 2 * width, fp8);
    double downB = compute.groupedGemmSeconds(rows, width, d, fp8);
    double weights = 0;
    for (long r : rows) {
      if (r > 0) {
        weights += compute.gemmSeconds(d, 2 * width, r, fp8) + compute.gemmSeconds(width, d, r, fp8);
      }
    }
    double swiGlu = compute.memoryBoundSeconds(total * width * 3 * BF16) + permutation(total);
    ComputeKind gemm = fp8 ? ComputeKind.GEMM_FP8 : ComputeKind.GEMM_BF16;
    return LayerCosts.of(gemm, upF + downF, upB + downB, weights)
        .plus(LayerCosts.of(ComputeKind.MEMORY_BOUND, swiGlu, 2 * swiGlu, 0));
  }

  /**
   * Moving received tokens into the grouped GEMMs' per-expert layout and their outputs back out: one
   * read and one write of each row, FP8 with its 1x128 scales going in (forward) and BF16 coming out;
   * the backward moves the BF16 gradients both ways. DeepSeek's training profile shows these passes
   * (profile-data train.json: expand and reduce kernels); their cost here is bytes over HBM.
   */
  private double permutation(long rows) {
    double in = rows * model.hiddenSize() * (1 + 4.0 / 128) * 2;
    double out = rows * model.hiddenSize() * BF16 * 2;
    return compute.memoryBoundSeconds(in + out);
  }

  /**
   * The combine's weighted sum of each token's top-k expert outputs on its home GPU: read k BF16 rows,
   * write one; the backward reads one and writes k (a broadcast of the gradient).
   */
  private LayerCosts combineReduction(MoeSpec m) {
    double bytes = tokens * model.hiddenSize() * BF16 * (m.expertsPerToken() + 1);
    double seconds = compute.memoryBoundSeconds(bytes);
    return LayerCosts.of(ComputeKind.MEMORY_BOUND, seconds, seconds, 0);
  }

  /** Rotary embedding of the RoPE part of every query head and the shared key: read and write BF16. */
  private LayerCosts rope(Attention a) {
    long ropeDim = a.kind() == AttentionKind.MLA ? a.qkRopeHeadDim() : a.headDim();
    long heads = a.heads() / tp.degree();
    long kvHeads = Math.max(1, a.kvHeads() / tp.degree());
    long values = a.kind() == AttentionKind.MLA ? (heads + 1L) * ropeDim : (heads + kvHeads) * ropeDim;
    return LayerCosts.memoryBound(compute, tokens * values * 2 * BF16);
  }

  /** RMSNorm over {@code width} values per token: read and write BF16, on this GPU's 1/tp of the tokens. */
  private LayerCosts norms(long width) {
    return LayerCosts.memoryBound(compute, tokens * width * 2 * BF16 / tp.degree());
  }

  private LayerCosts embedding() {
    return LayerCosts.memoryBound(compute, tokens * model.hiddenSize() * BF16 / tp.degree());
  }

  /**
   * The tensor-parallel group's all-gathers and reduce-scatters around one layer's attention and
   * FFN, forward and again in the input-gradient pass; none without tensor parallelism.
   */
  private LayerCosts tensorParallelCollectives() {
    double perPass = TensorParallel.COLLECTIVES_PER_LAYER_PASS * tp.collectiveSeconds(tokens * model.hiddenSize() * BF16);
    return LayerCosts.of(ComputeKind.TENSOR_PARALLEL, perPass, perPass, 0);
  }

  /** Output head (BF16, report 3.3.1, its vocabulary split over the tensor-parallel group) and the softmax cross-entropy. */
  private LayerCosts head() {
    long v = model.vocabSize() / tp.degree();
    LayerCosts gemm = LayerCosts.gemm(compute, tokens, v, model.hiddenSize(), false);
    return gemm.plus(LayerCosts.memoryBound(compute, tokens * v * (BF16 + 4.0)));
  }

  /** MTP's projection of [hidden; next embedding] (2d) back to d. */
  private LayerCosts mtpProjection() {
    long d = model.hiddenSize();
    return LayerCosts.gemm(compute, tokens, d, 2 * d, fp8).plus(norms(2 * d));
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

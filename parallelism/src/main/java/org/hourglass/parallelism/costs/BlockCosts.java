package org.hourglass.parallelism.costs;

import org.hourglass.fp8.MemoryBoundKernel;
import org.hourglass.workload.Architecture;
import org.hourglass.workload.Attention;
import org.hourglass.workload.AttentionKind;
import org.hourglass.workload.MoeSpec;
import org.hourglass.workload.Recomputation;

/**
 * What each piece of a transformer block costs on one GPU for one micro-batch: the attention block
 * (norms, projections, the attention core, RoPE, the router), a SwiGLU FFN, the routed experts as
 * grouped GEMMs over the rows a GPU received, the combine's reduction, the embedding, the output head
 * and MTP's projection, each as forward, input-gradient and weight-gradient seconds by
 * {@link ComputeKind}. GEMM times come from {@link ComputeCosts}; memory-bound passes are their
 * bytes over HBM. {@link StepCostModel} assembles these pieces into layers and stages.
 */
final class BlockCosts {
  private static final double BF16 = 2.0;
  private static final long GROUPED_ROW_ALIGNMENT = 128;
  private final Architecture model;
  private final ComputeCosts compute;
  private final boolean fp8;
  private final long tokens;
  private final double meanContext;
  private final TensorParallel tp;
  private final ContextParallel cp;
  private final Recomputation recompute;

  BlockCosts(Architecture model, ComputeCosts compute, boolean fp8, long tokens, double meanContext, TensorParallel tp,
      ContextParallel cp, Recomputation recompute) {
    this.model = model;
    this.compute = compute;
    this.fp8 = fp8;
    this.tokens = tokens;
    this.meanContext = meanContext;
    this.tp = tp;
    this.cp = cp;
    this.recompute = recompute;
  }

  /**
   * Norm, projections, attention core, output projection, router; MLA recomputes its up-projections.
   * MLA's down-projections are two GEMMs on the same input, q_a (to the query rank) and kv_a (to the
   * key-value rank and the shared RoPE key), as DeepSeek's model code has them (wq_a, wkv_a).
   */
  LayerCosts attentionBlock() {
    Attention a = model.attention();
    long d = model.hiddenSize();
    int heads = a.heads() / tp.degree();
    LayerCosts costs = residualNorm(d);
    LayerCosts upProjections = LayerCosts.ZERO;
    if (a.kind() == AttentionKind.MLA) {
      costs = costs.plus(LayerCosts.gemmsSharingInput(compute, tokens, d, fp8, a.qLoraRank(),
          a.kvLoraRank() + a.qkRopeHeadDim()));
      upProjections = LayerCosts.gemm(compute, tokens, (long) heads * a.qkHeadDim(), a.qLoraRank(), fp8)
          .plus(LayerCosts.gemm(compute, tokens, (long) heads * (a.qkNopeHeadDim() + a.vHeadDim()), a.kvLoraRank(), fp8));
      costs = costs.plus(upProjections).plus(latentNorms(a)).plus(mlaConcatenations(a));
    } else {
      long kvHeads = Math.max(1, a.kvHeads() / tp.degree());
      costs = costs.plus(LayerCosts.gemm(compute, tokens, (heads + 2 * kvHeads) * a.headDim(), d, fp8));
    }
    double coreForward = compute.attentionSeconds(heads, a.qkHeadDim(), a.valueHeadDim(), tokens, meanContext, false);
    double coreBackward = compute.attentionSeconds(heads, a.qkHeadDim(), a.valueHeadDim(), tokens, meanContext, true);
    costs = costs.plus(LayerCosts.of(ComputeKind.ATTENTION, coreForward, coreBackward, 0));
    costs = costs.plus(LayerCosts.gemm(compute, tokens, d, (long) heads * a.valueHeadDim(), fp8));
    costs = costs.plus(rope(a));
    LayerCosts router = model.moe().map(m -> LayerCosts.gemm(compute, tokens, m.routedExperts(), d, false).plus(routerPasses(m)))
        .orElse(LayerCosts.ZERO);
    LayerCosts recomputed = LayerCosts.ZERO;
    if (!recompute.fullBlocks()) {
      boolean mla = a.kind() == AttentionKind.MLA;
      LayerCosts rerunNorms = mla ? norm(d).plus(latentNorms(a)) : norm(d);
      recomputed = (recompute.mlaUpProjections() && mla ? upProjections.plus(mlaConcatenations(a)) : LayerCosts.ZERO)
          .plus(recompute.norms() ? rerunNorms : LayerCosts.ZERO).recomputedInBackward();
    }
    return costs.plus(router).plus(recomputed).plus(contextExchange(a));
  }

  /**
   * The context-parallel group's exchange around one layer's attention core ({@link ContextParallel}):
   * the all-gather of the whole sequence's keys and values (or MLA's latent) in the forward, and in the
   * backward the same all-gather again and the reduce-scatter of their gradient; with the latent, every
   * GPU also rebuilds the keys and values of the tokens it gathered (the kv norm, the up-projection and
   * the key's concatenation), in both passes. None without context parallelism.
   */
  LayerCosts contextExchange(Attention a) {
    if (cp.degree() == 1) {
      return LayerCosts.ZERO;
    }
    double collective = cp.collectiveSeconds((double) tokens * cp.degree() * exchangedBytesPerToken(a));
    // nothing is kept between the passes: the backward gathers again (a full recomputation's rerun of
    // the forward already does) and reduce-scatters the gradient
    int backwardCollectives = recompute.fullBlocks() ? 1 : 2;
    LayerCosts exchange = LayerCosts.of(ComputeKind.CONTEXT_PARALLEL, collective, backwardCollectives * collective, 0);
    if (cp.exchange() != ContextExchange.LATENT) {
      return exchange;
    }
    BlockCosts gathered = new BlockCosts(model, compute, fp8, cp.gatheredTokens(tokens), meanContext, tp,
        ContextParallel.NONE, recompute);
    LayerCosts rebuilt = gathered.keyValueUpProjection(a);
    return exchange.plus(rebuilt).plus(recompute.fullBlocks() ? LayerCosts.ZERO : rebuilt.recomputedInBackward());
  }

  double exchangedBytesPerToken(Attention a) {
    return ContextParallel.exchangedBytesPerToken(a, tp.degree(), cp.exchange());
  }

  /** MLA's key-value side from its latent: the kv norm, the kv_b up-projection and the key's concatenation. */
  private LayerCosts keyValueUpProjection(Attention a) {
    long heads = a.heads() / tp.degree();
    return norm(a.kvLoraRank())
        .plus(LayerCosts.gemm(compute, tokens, heads * (a.qkNopeHeadDim() + a.vHeadDim()), a.kvLoraRank(), fp8))
        .plus(keyConcatenation(a));
  }

  /** Under full recomputation the backward first reruns the block's whole forward. */
  LayerCosts rerunWhenFull(LayerCosts block) {
    return recompute.fullBlocks() ? block.plus(block.recomputedInBackward()) : block;
  }

  /**
   * SwiGLU FFN of width {@code width}: gate and up in one GEMM, the activation, then down. Selective
   * recomputation reruns its norm and its activation in the backward (DeepSeek-V3 report 3.3.3:
   * "recompute all RMSNorm operations"; the SwiGLU output rebuilt from the cached gate and up).
   */
  LayerCosts denseFfn(long fullWidth) {
    long d = model.hiddenSize();
    long width = fullWidth / tp.degree();
    if (width == 0) {
      return LayerCosts.ZERO;
    }
    LayerCosts swiGlu = LayerCosts.memoryBound(compute, MemoryBoundKernel.SWIGLU, tokens * width * 3 * BF16);
    LayerCosts recomputed = LayerCosts.ZERO;
    if (!recompute.fullBlocks()) {
      recomputed = (recompute.norms() ? norm(d) : LayerCosts.ZERO).plus(recompute.swiGlu() ? swiGlu : LayerCosts.ZERO)
          .recomputedInBackward();
    }
    return residualNorm(d).plus(LayerCosts.gemm(compute, tokens, 2 * width, d, fp8)).plus(swiGlu)
        .plus(LayerCosts.gemm(compute, tokens, d, width, fp8)).plus(recomputed);
  }

  /**
   * The GPU's routed experts as grouped GEMMs over the rows each received. In the contiguous grouped
   * layout every expert's rows are padded to a multiple of 128 (DeepGEMM README, "M-axis aligned to
   * 128"), and the padding is computed, so the GEMMs see padded rows.
   */
  LayerCosts routedExperts(long[] received, MoeSpec m) {
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
    double weights = compute.groupedWeightGradSeconds(d, 2 * width, rows, fp8)
        + compute.groupedWeightGradSeconds(width, d, rows, fp8);
    double swiGlu = compute.memoryBoundSeconds(MemoryBoundKernel.SWIGLU, total * width * 3 * BF16);
    double permute = permutation(total);
    ComputeKind gemm = fp8 ? ComputeKind.GEMM_FP8 : ComputeKind.GEMM_BF16;
    return LayerCosts.of(gemm, upF + downF, upB + downB, weights)
        .plus(LayerCosts.of(ComputeKind.MEMORY_BOUND, swiGlu + permute, 2 * swiGlu + permute, 0))
        .plus(expertFp8Passes(total, d, width));
  }

  /**
   * The FP8 recipe's passes around the routed experts ({@link Fp8Passes}; report 3.3.2): the home GPU
   * casts its tokens to FP8 before the dispatch (the up-projection's input arrives quantized) and the
   * output gradient before the combine-backward (the down-projection's dY arrives quantized); the
   * expert GPU casts the SwiGLU output for the down-projection, casts and transposes the
   * up-projection's dY, and re-lays out the cached FP8 inputs and the arrived dY along the tokens for
   * the weight gradients. The SwiGLU's input is cached in FP8 (report 3.3.3, "Low-Precision Storage":
   * "we cache the inputs of the SwiGLU operator and recompute its output in the backward pass ... stored
   * in FP8 with our fine-grained quantization method"): cast once in the forward, cast back to BF16 in
   * the backward before the SwiGLU is rerun. Each pass over a distinct tensor is a launch of its own,
   * each paying its curve's floor: the home GPU's cast and the expert GPU's are not one kernel.
   */
  private LayerCosts expertFp8Passes(long rows, long d, long width) {
    if (!fp8) {
      return LayerCosts.ZERO;
    }
    // the home GPU casts tokens x d twice (the tokens, then their gradient); the SwiGLU input is cast
    // to FP8 and back, the same bytes each way
    double homeCast = Fp8Passes.castSeconds(compute, tokens, d);
    double swiGluInputCast = Fp8Passes.castSeconds(compute, rows, 2 * width);
    double forward = homeCast + Fp8Passes.castSeconds(compute, rows, width) + swiGluInputCast;
    double inputGrad = Fp8Passes.castTransposeSeconds(compute, rows, 2 * width) + homeCast + swiGluInputCast;
    double weightGrad = 2 * Fp8Passes.relayoutSeconds(compute, rows, d) + Fp8Passes.relayoutSeconds(compute, rows, width);
    return LayerCosts.of(ComputeKind.FP8_CAST, forward, inputGrad, weightGrad);
  }

  /**
   * Moving received tokens into the grouped GEMMs' per-expert layout and their outputs back out: one
   * read and one write of each row, FP8 with its 1x128 scales going in (forward) and BF16 coming out;
   * the backward moves the gradients once each way, the same bytes (the down-projection's dY arrives
   * in FP8, report 3.3.2). DeepSeek's training profile shows these passes (profile-data train.json:
   * expand and reduce kernels); their cost here is bytes over HBM.
   */
  private double permutation(long rows) {
    double in = rows * model.hiddenSize() * (1 + 4.0 / 128) * 2;
    double out = rows * model.hiddenSize() * BF16 * 2;
    return compute.memoryBoundSeconds(MemoryBoundKernel.EXPERT_PERMUTE, in + out);
  }

  /**
   * The one local reduce per pass around the MoE layer: the routed experts' output, whose weighted
   * top-k sum DeepEP's combine kernel already formed on the communication SMs (report 3.2.2), added
   * to the shared expert's: read two BF16 rows, write one; the backward's gradient split is priced
   * the same.
   */
  LayerCosts combineReduction() {
    double seconds = elementwiseSeconds(tokens * model.hiddenSize() * BF16 * 3);
    return LayerCosts.of(ComputeKind.MEMORY_BOUND, seconds, seconds, 0);
  }

  /** Rotary embedding of the RoPE part of every query head and the shared key: read and write BF16. */
  private LayerCosts rope(Attention a) {
    long ropeDim = a.kind() == AttentionKind.MLA ? a.qkRopeHeadDim() : a.headDim();
    long heads = a.heads() / tp.degree();
    long kvHeads = Math.max(1, a.kvHeads() / tp.degree());
    long values = a.kind() == AttentionKind.MLA ? (heads + 1L) * ropeDim : (heads + kvHeads) * ropeDim;
    return LayerCosts.memoryBound(compute, MemoryBoundKernel.ROPE, tokens * values * 2 * BF16);
  }

  /**
   * A block's input RMSNorm with the residual add before it fused in (as the kernel class is measured):
   * the forward reads the sub-layer's output and the residual and writes their sum and the normalised
   * values, four BF16 tensors; the backward reads the output gradient, the saved sum and the residual
   * stream's gradient and writes the input gradient, four again. On this GPU's 1/tp of the tokens.
   */
  private LayerCosts residualNorm(long width) {
    return normPasses(width, 4, 4);
  }

  /**
   * An RMSNorm with no residual beside it (MLA's latent norms, MTP's, and any norm rerun from its saved
   * input): the forward reads and writes one BF16 tensor each; the backward reads the output gradient
   * and the input and writes the input gradient.
   */
  private LayerCosts norm(long width) {
    return normPasses(width, 2, 3);
  }

  /**
   * The copies MLA's attention input needs, as DeepSeek's public model code writes them (DeepSeek-V3
   * repository, inference/model.py, MLA.forward: {@code q = torch.cat([q_nope, q_pe])} and
   * {@code k = torch.cat([k_nope, k_pe.expand(heads)])}): the forward writes q and k whole, each one
   * copy launch. Their backward is autograd's: the split of the q_b and kv_b outputs reassembles
   * [dq_nope; dq_pe] and [dk_nope; dv] (two copies) and the expand sums dk_pe over the heads (one
   * reduction). BF16 throughout, on the element-wise curve. The recomputed up-projections rebuild q and
   * k, so a recomputation reruns the forward copies.
   */
  private LayerCosts mlaConcatenations(Attention a) {
    double q = tokens * (a.heads() / tp.degree()) * a.qkHeadDim() * BF16;
    double copy = elementwiseSeconds(2 * q);
    return LayerCosts.of(ComputeKind.MEMORY_BOUND, copy, copy, 0).plus(keyConcatenation(a));
  }

  /** The key's half of {@link #mlaConcatenations}: k written whole from k_nope and k_pe, and its backward's two launches. */
  private LayerCosts keyConcatenation(Attention a) {
    long heads = a.heads() / tp.degree();
    double k = tokens * heads * a.qkHeadDim() * BF16;
    double kNope = tokens * heads * a.qkNopeHeadDim() * BF16;
    double kPe = tokens * a.qkRopeHeadDim() * BF16;
    double kv = tokens * heads * (a.qkNopeHeadDim() + a.vHeadDim()) * BF16;
    return LayerCosts.of(ComputeKind.MEMORY_BOUND, elementwiseSeconds(kNope + kPe + k),
        elementwiseSeconds(2 * kv) + elementwiseSeconds(kPe * heads + kPe), 0);
  }

  /** One element-wise launch (a copy, a reduction, a small gate kernel) moving {@code bytes}. */
  private double elementwiseSeconds(double bytes) {
    return compute.memoryBoundSeconds(MemoryBoundKernel.ELEMENTWISE, bytes);
  }

  /**
   * The gate's small kernels after its GEMM, as DeepSeek's public model code launches them (DeepSeek-V3
   * repository, inference/model.py, Gate.forward): the score function, the bias add, and with expert
   * groups the group top-2 and its sum, the group top-k, the mask (new, scatter, fill); then the
   * top-k, the gather of the weights and their normalisation (sum, divide, route scale): 12 launches
   * with groups, 7 without. The backward is autograd's over the weights: the gather's scatter into
   * zeros, the normalisation's and the score function's gradients, 6 launches. Each reads and writes
   * one FP32 tokens x experts tensor, on the element-wise curve: for the top-k, a selection bound by
   * latency more than by bytes, that is a lower bound.
   */
  private LayerCosts routerPasses(MoeSpec m) {
    double launch = elementwiseSeconds(tokens * (double) m.routedExperts() * 4 * 2);
    int forwardLaunches = m.expertGroups() > 1 ? 12 : 7;
    return LayerCosts.of(ComputeKind.MEMORY_BOUND, forwardLaunches * launch, 6 * launch, 0);
  }

  /** MLA's two latent norms, the query's and the key-value's, two launches as DeepSeek's model code has them (q_norm, kv_norm). */
  private LayerCosts latentNorms(Attention a) {
    return norm(a.qLoraRank()).plus(norm(a.kvLoraRank()));
  }

  private LayerCosts normPasses(long width, int forwardTensors, int backwardTensors) {
    double tensorBytes = tokens * width * BF16 / tp.degree();
    return LayerCosts.of(ComputeKind.MEMORY_BOUND,
        compute.memoryBoundSeconds(MemoryBoundKernel.RMSNORM_RESIDUAL, forwardTensors * tensorBytes),
        compute.memoryBoundSeconds(MemoryBoundKernel.RMSNORM_RESIDUAL, backwardTensors * tensorBytes), 0);
  }

  LayerCosts embedding() {
    return LayerCosts.memoryBound(compute, MemoryBoundKernel.ELEMENTWISE, tokens * model.hiddenSize() * BF16 / tp.degree());
  }

  /**
   * The tensor-parallel group's all-gathers and reduce-scatters around one layer's attention and
   * FFN, forward and again in the input-gradient pass; none without tensor parallelism.
   */
  LayerCosts tensorParallelCollectives() {
    double perPass = TensorParallel.COLLECTIVES_PER_LAYER_PASS * tp.collectiveSeconds(tokens * model.hiddenSize() * BF16);
    return LayerCosts.of(ComputeKind.TENSOR_PARALLEL, perPass, perPass, 0);
  }

  /** Output head (BF16, report 3.3.1, its vocabulary split over the tensor-parallel group) and the softmax cross-entropy. */
  LayerCosts head() {
    long v = model.vocabSize() / tp.degree();
    LayerCosts gemm = LayerCosts.gemm(compute, tokens, v, model.hiddenSize(), false);
    return gemm.plus(LayerCosts.memoryBound(compute, MemoryBoundKernel.ELEMENTWISE, tokens * v * (BF16 + 4.0)));
  }

  /** MTP's projection of [hidden; next embedding] (2d) back to d. */
  LayerCosts mtpProjection() {
    long d = model.hiddenSize();
    return LayerCosts.gemm(compute, tokens, d, 2 * d, fp8).plus(norm(2 * d));
  }
}

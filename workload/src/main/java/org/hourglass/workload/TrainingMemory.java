package org.hourglass.workload;

import org.hourglass.hardware.GpuSpec;

/**
 * Training memory per GPU for a layout: working weights and gradients of the stages a rank holds
 * (non-expert parameters split by TP, routed experts by EP), FP32 master weights and the two moments
 * sharded over the data-parallel replicas of each parameter (Rajbhandari et al. 2020, ZeRO stage 1),
 * gradients sharded too where the recipe's data parallelism does ({@link DataParallelSharding}), and
 * the activations of the micro-batches the schedule keeps in flight
 * ({@link PipelineSchedule}). Not counted: CUDA context, communication buffers, temporary workspaces,
 * allocator fragmentation, and the output logits (a fused cross-entropy never keeps them).
 */
public final class TrainingMemory {
  private TrainingMemory() {}

  /** The breakdown of the rank with the largest total, under ZeRO-1. */
  public static MemoryBreakdown peak(Architecture a, TrainingLayout layout, Precision p, Recomputation r, GpuSpec gpu) {
    return peak(a, layout, p, r, DataParallelSharding.ZERO1, gpu);
  }

  /** The breakdown of the rank with the largest total. */
  public static MemoryBreakdown peak(Architecture a, TrainingLayout layout, Precision p, Recomputation r,
      DataParallelSharding sharding, GpuSpec gpu) {
    layout.checkAgainst(a);
    StagePlan plan = new StagePlan(a, layout.pp());
    MemoryBreakdown worst = null;
    int ranks = layout.schedule().stagesPerRank() == 2 ? layout.pp() / 2 : layout.pp();
    for (int rank = 0; rank < ranks; rank++) {
      MemoryBreakdown m = ofRank(a, plan, layout, p, r, sharding, gpu, rank);
      if (worst == null || m.totalBytes() > worst.totalBytes()) {
        worst = m;
      }
    }
    return worst;
  }

  /** The breakdown of pipeline rank {@code rank} under ZeRO-1. */
  public static MemoryBreakdown ofRank(Architecture a, StagePlan plan, TrainingLayout layout, Precision p, Recomputation r,
      GpuSpec gpu, int rank) {
    return ofRank(a, plan, layout, p, r, DataParallelSharding.ZERO1, gpu, rank);
  }

  /** The breakdown of pipeline rank {@code rank}. */
  public static MemoryBreakdown ofRank(Architecture a, StagePlan plan, TrainingLayout layout, Precision p, Recomputation r,
      DataParallelSharding sharding, GpuSpec gpu, int rank) {
    int[] stages = layout.schedule().stagesPerRank() == 2 ? new int[] {rank, layout.pp() - 1 - rank} : new int[] {rank};
    double nonExpert = 0;
    double experts = 0;
    double activationPerToken = 0;
    for (int s : stages) {
      nonExpert += (double) plan.nonExpertParameters(s) / layout.tp();
      experts += (double) plan.routedExpertParameters(s) / layout.ep();
      activationPerToken += plan.activationBytesPerToken(s, p, r) / stages.length;
    }
    double params = nonExpert + experts;
    double sharded = nonExpert / layout.dp() + experts / layout.expertDataParallel();
    int inFlight = layout.schedule().microBatchesInFlight(layout.pp(), rank, layout.virtualStages());
    double activations = inFlight * activationPerToken * layout.microBatchTokens() / layout.tp() + fullRecomputeWorkspace(a, layout, p, r);
    double gradients = (sharding.shardsGradients() ? sharded : params) * p.gradients().bytes();
    return new MemoryBreakdown(rank, Math.round(params), params * p.workingWeights().bytes(), gradients,
        sharded * p.masterWeights().bytes(), sharded * 2 * p.optimizerMoments().bytes(), activations, inFlight, gpu.hbmBytes().value());
  }

  /** Under full recomputation one block's complete activations are rebuilt during its backward. */
  private static double fullRecomputeWorkspace(Architecture a, TrainingLayout layout, Precision p, Recomputation r) {
    if (!r.fullBlocks()) {
      return 0;
    }
    double block = ActivationMemory.bytesPerToken(a, a.moe().isPresent(), p, Recomputation.NONE);
    return block * layout.microBatchTokens() / layout.tp();
  }
}

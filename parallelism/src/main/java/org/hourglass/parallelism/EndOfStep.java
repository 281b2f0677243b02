package org.hourglass.parallelism;

import org.hourglass.comm.Fabric;
import org.hourglass.comm.ZeroOneSync;
import org.hourglass.parallelism.costs.ComputeCosts;
import org.hourglass.sim.SimTime;
import org.hourglass.workload.Precision;
import org.hourglass.workload.StagePlan;

/**
 * What each pipeline rank does after its last op: the ZeRO-1 gradient reduce-scatter and parameter
 * all-gather over its data-parallel peers ({@link ZeroOneSync}; routed experts sync among the
 * GPUs that hold the same experts), then the AdamW update of its optimizer shard, priced as its
 * HBM bytes.
 *
 * @param syncPs per pipeline rank, the gradient sync
 * @param optimizerPs per pipeline rank, the optimizer step after the sync
 */
record EndOfStep(long[] syncPs, long[] optimizerPs) {

  /**
   * @param stagesOfRank each pipeline rank's model stages
   * @param replicas how many times each stage appears in the schedule (DualPipe: 2, one per direction)
   */
  static EndOfStep of(PlanSpec plan, int[][] stagesOfRank, int replicas, StagePlan split, Fabric fabric,
      ComputeCosts compute, Precision precision) {
    ZeroOneSync sync = new ZeroOneSync(fabric);
    int gradBytes = precision.gradients().bytes();
    int weightBytes = precision.workingWeights().bytes();
    long[] syncPs = new long[plan.pp()];
    long[] optimizerPs = new long[plan.pp()];
    double optimizerBytesPerParameter = optimizerBytesPerParameter(precision);
    for (int rank = 0; rank < plan.pp(); rank++) {
      double dense = 0;
      double experts = 0;
      for (int stage : stagesOfRank[rank]) {
        dense += split.nonExpertParameters(stage) / (double) plan.tp();
        experts += split.routedExpertParameters(stage) / (double) plan.ep();
      }
      var denseGroup = new ZeroOneSync.DataParallelGroup(plan.dp() * replicas,
          Math.min(plan.dp(), fabric.gpusPerNode() / plan.tp()));
      int expertPeers = plan.dp() / plan.ep() * replicas;
      var expertGroup = new ZeroOneSync.DataParallelGroup(expertPeers, 1);
      syncPs[rank] = sync.stepPs(denseGroup, dense * gradBytes, dense * weightBytes)
          + (expertPeers > 1 ? sync.stepPs(expertGroup, experts * gradBytes, experts * weightBytes) : 0);
      double shard = dense / (plan.dp() * replicas) + experts / expertPeers;
      optimizerPs[rank] = SimTime.fromSeconds(compute.memoryBoundSeconds(org.hourglass.fp8.MemoryBoundKernel.OPTIMIZER,
          shard * optimizerBytesPerParameter));
    }
    return new EndOfStep(syncPs, optimizerPs);
  }

  /**
   * HBM bytes of one AdamW update per parameter of the shard: read and write the master weight and
   * both moments, read the gradient, write the working weight (DeepSeek-V3: FP32 master and
   * gradient, BF16 moments and weight, 22 bytes).
   */
  private static double optimizerBytesPerParameter(Precision p) {
    return 2.0 * p.masterWeights().bytes() + p.gradients().bytes() + 4.0 * p.optimizerMoments().bytes()
        + p.workingWeights().bytes();
  }
}

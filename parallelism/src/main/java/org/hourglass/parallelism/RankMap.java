package org.hourglass.parallelism;

import org.hourglass.sim.InvalidInputException;

/**
 * Where each GPU sits in the parallel layout. GPUs are numbered node-major (GPU g is local index
 * g mod gpusPerNode of node g / gpusPerNode) and laid out pipeline-major: the dp x tp GPUs of
 * pipeline rank p are the contiguous block starting at p x dp x tp, so pipeline neighbours sit on
 * different nodes and talk over InfiniBand, while an expert-parallel group is a contiguous run of
 * ep GPUs inside a rank's block, spanning ep / gpusPerNode whole nodes (DeepSeek-V3: PP16 x DP128,
 * EP64 over 8 nodes; report section 3.2).
 */
public final class RankMap {
  private final int pp;
  private final int dp;
  private final int ep;
  private final int gpusPerNode;

  /** A map for pp x dp GPUs (no tensor parallelism), with ep-sized expert groups inside each stage. */
  public RankMap(int pp, int dp, int ep, int gpusPerNode) {
    if (pp < 1 || dp < 1 || ep < 1 || gpusPerNode < 1) {
      throw new IllegalArgumentException("degrees must be positive: pp " + pp + ", dp " + dp + ", ep " + ep);
    }
    if (dp % ep != 0) {
      throw new InvalidInputException("plan.ep", ep + " does not divide the " + dp + " data-parallel GPUs of a stage");
    }
    if (ep % gpusPerNode != 0 && gpusPerNode % ep != 0) {
      throw new InvalidInputException("plan.ep", ep + " neither fills whole nodes of " + gpusPerNode
          + " GPUs nor divides one; expert groups must not straddle nodes");
    }
    if ((dp % gpusPerNode) != 0 && ep >= gpusPerNode) {
      throw new InvalidInputException("plan.dp", dp + " GPUs per stage do not fill whole nodes of " + gpusPerNode);
    }
    this.pp = pp;
    this.dp = dp;
    this.ep = ep;
    this.gpusPerNode = gpusPerNode;
  }

  /** GPUs in the layout. */
  public int gpus() {
    return pp * dp;
  }

  /** Pipeline rank of GPU {@code gpu}. */
  public int pipelineRank(int gpu) {
    return gpu / dp;
  }

  /** Data-parallel replica (which pipeline) of GPU {@code gpu}. */
  public int replica(int gpu) {
    return gpu % dp;
  }

  /** The GPU at pipeline rank {@code rank} of replica {@code replica}. */
  public int gpu(int rank, int replica) {
    return rank * dp + replica;
  }

  /** Expert-parallel group of GPU {@code gpu}, numbered across the whole cluster. */
  public int expertGroup(int gpu) {
    return gpu / ep;
  }

  /** Position of GPU {@code gpu} inside its expert-parallel group. */
  public int expertRank(int gpu) {
    return gpu % ep;
  }

  /** Expert-parallel groups in the cluster. */
  public int expertGroups() {
    return gpus() / ep;
  }

  /** Expert-parallel groups at each pipeline rank. */
  public int expertGroupsPerRank() {
    return dp / ep;
  }

  /** Node of GPU {@code gpu}. */
  public int node(int gpu) {
    return gpu / gpusPerNode;
  }

  /** Nodes an expert-parallel group spans. */
  public int nodesPerExpertGroup() {
    return Math.max(1, ep / gpusPerNode);
  }

  public int pp() {
    return pp;
  }

  public int dp() {
    return dp;
  }

  public int ep() {
    return ep;
  }

  public int gpusPerNode() {
    return gpusPerNode;
  }
}

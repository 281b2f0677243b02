package org.hourglass.comm;

/**
 * Data-parallel synchronization under ZeRO-1 (Rajbhandari et al. 2020): optimizer states are sharded,
 * so each step reduce-scatters the gradients (each rank keeps the reduced shard it updates) and then
 * all-gathers the updated parameters; the same bytes as one all-reduce when both use the same width.
 */
public final class ZeroOneSync {
  private final HierarchicalCollectives collectives;

  public ZeroOneSync(Fabric fabric) {
    this.collectives = new HierarchicalCollectives(fabric);
  }

  /** Gradient reduce-scatter over the data-parallel group. */
  public long gradientReduceScatterPs(DataParallelGroup group, double gradientBytes) {
    return collectives.reduceScatterPs(group.ranks(), group.ranksPerNode(), gradientBytes);
  }

  /** Parameter all-gather after the sharded optimizer step. */
  public long parameterAllGatherPs(DataParallelGroup group, double parameterBytes) {
    return collectives.allGatherPs(group.ranks(), group.ranksPerNode(), parameterBytes);
  }

  /** Both collectives of one step, unoverlapped. */
  public long stepPs(DataParallelGroup group, double gradientBytes, double parameterBytes) {
    return gradientReduceScatterPs(group, gradientBytes) + parameterAllGatherPs(group, parameterBytes);
  }

  /**
   * A data-parallel group: {@code ranks} replicas of one model shard, {@code ranksPerNode} of them in
   * the same node (1 when every replica sits on a different node, as in DeepSeek-V3's PP16 x EP64 layout).
   */
  public record DataParallelGroup(int ranks, int ranksPerNode) {
    public DataParallelGroup {
      if (ranks < 1 || ranksPerNode < 1 || ranks % ranksPerNode != 0) {
        throw new IllegalArgumentException(
            "data-parallel ranks (" + ranks + ") must be a positive multiple of ranksPerNode (" + ranksPerNode + ")");
      }
    }
  }
}

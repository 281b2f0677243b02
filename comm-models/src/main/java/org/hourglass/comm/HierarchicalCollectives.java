package org.hourglass.comm;

/**
 * Two-level collectives on a {@link Fabric}: first among the {@code ranksPerNode} ranks of a node over
 * NVLink, then across nodes over InfiniBand, each GPU driving its own NIC so the inter-node stage runs
 * on {@code ranksPerNode} rails at once with 1/ranksPerNode of the buffer each (the scheme of NCCL's
 * hierarchical and rail-optimized algorithms). With one rank per node it is the plain IB ring.
 */
public final class HierarchicalCollectives {
  private final Fabric fabric;

  public HierarchicalCollectives(Fabric fabric) {
    this.fabric = fabric;
  }

  /** Intra-node reduce-scatter, inter-node ring all-reduce of the shard, intra-node all-gather. */
  public long allReducePs(int ranks, int ranksPerNode, double bytes) {
    int nodes = nodes(ranks, ranksPerNode);
    double shard = bytes / ranksPerNode;
    return intraPs(ranksPerNode, bytes) * 2
        + Collectives.ringAllReducePs(fabric.infiniband(), nodes, shard);
  }

  /** Intra-node reduce-scatter, then inter-node reduce-scatter of the node's shard. */
  public long reduceScatterPs(int ranks, int ranksPerNode, double bytes) {
    int nodes = nodes(ranks, ranksPerNode);
    return intraPs(ranksPerNode, bytes)
        + Collectives.ringReduceScatterPs(fabric.infiniband(), nodes, bytes / ranksPerNode);
  }

  /** Inter-node all-gather of the node's shard, then intra-node all-gather; mirror of {@link #reduceScatterPs}. */
  public long allGatherPs(int ranks, int ranksPerNode, double bytes) {
    int nodes = nodes(ranks, ranksPerNode);
    return Collectives.ringAllGatherPs(fabric.infiniband(), nodes, bytes / ranksPerNode)
        + intraPs(ranksPerNode, bytes);
  }

  private long intraPs(int ranksPerNode, double bytes) {
    return Collectives.ringReduceScatterPs(fabric.nvlink(), ranksPerNode, bytes);
  }

  private int nodes(int ranks, int ranksPerNode) {
    if (ranksPerNode < 1 || ranksPerNode > fabric.gpusPerNode()) {
      throw new IllegalArgumentException(
          "ranksPerNode must be in 1.." + fabric.gpusPerNode() + ", got " + ranksPerNode);
    }
    if (ranks < 1 || ranks % ranksPerNode != 0) {
      throw new IllegalArgumentException(
          "ranks (" + ranks + ") must be a positive multiple of ranksPerNode (" + ranksPerNode + ")");
    }
    return ranks / ranksPerNode;
  }
}

package org.hourglass.hardware;

import org.hourglass.sim.InvalidInputException;

/**
 * A training cluster: nodes of one kind, how they are wired, and the bandwidths a collective can
 * actually reach per GPU, each traced to its source (DeepSeek-V3 quotes 160 GB/s NVLink and 50 GB/s IB).
 *
 * @param name catalog name
 * @param description one line for people
 * @param node the server every node is
 * @param nodes node count
 * @param topology how nodes are wired
 * @param planes independent network planes (1 for a plain fat-tree)
 * @param oversubscription leaf uplink oversubscription (1 means non-blocking)
 * @param nvlinkAchievableBytesPerSecond NVLink bandwidth one GPU reaches in practice, one direction
 * @param ibAchievableBytesPerSecond scale-out bandwidth one GPU reaches in practice, one direction
 */
public record ClusterSpec(
    String name,
    String description,
    NodeSpec node,
    int nodes,
    Topology topology,
    int planes,
    double oversubscription,
    Figure nvlinkAchievableBytesPerSecond,
    Figure ibAchievableBytesPerSecond) {

  /** Reads a cluster; its node's GPU is looked up in {@code catalog}. */
  public static ClusterSpec read(SpecNode n, HardwareCatalog catalog) {
    SpecNode net = n.child("network");
    double oversubscription = net.positive("oversubscription");
    if (oversubscription < 1) {
      throw new InvalidInputException(net.fieldPath("oversubscription"), "must be 1 or more");
    }
    return new ClusterSpec(
        n.text("name"),
        n.text("description", ""),
        NodeSpec.read(n.child("node"), catalog),
        n.positiveInt("nodes"),
        Topology.parse(net.text("topology"), net.fieldPath("topology")),
        net.positiveInt("planes"),
        oversubscription,
        n.figure("nvlink_achievable_bytes_per_second", false),
        n.figure("ib_achievable_bytes_per_second", false));
  }

  /** All GPUs in the cluster. */
  public int gpus() {
    return nodes * node.gpusPerNode();
  }

  /** The GPU every node holds. */
  public GpuSpec gpu() {
    return node.gpu();
  }
}

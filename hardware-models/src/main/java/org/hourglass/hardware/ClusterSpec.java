package org.hourglass.hardware;

import java.util.Locale;
import org.hourglass.sim.InvalidInputException;

/**
 * A training cluster: nodes of one kind, how they are wired, and the bandwidths a collective can
 * actually reach per GPU, each traced to its source (DeepSeek-V3 quotes 160 GB/s NVLink and 50 GB/s IB).
 * The NVLink domain is what the all-to-all, tensor-parallel and collective models treat as one
 * NVLink island: a node of 8 on HGX, a rack of 72 on GB200 NVL72.
 *
 * @param name catalog name
 * @param description one line for people
 * @param node the server every node is
 * @param nodes node count
 * @param nvlinkDomainGpus GPUs joined by one NVLink/NVSwitch fabric (a whole number of nodes)
 * @param transport scale-out transport, {@code infiniband} or {@code roce}
 * @param topology how nodes are wired
 * @param levels switch levels of the fat-tree (2: leaf-spine, 3: with a core)
 * @param rails leaf switch groups a node's NICs are spread over (1 when all NICs share a leaf)
 * @param planes independent network planes (1 for a plain fat-tree)
 * @param oversubscription leaf uplink oversubscription (1 means non-blocking)
 * @param nvlinkAchievableBytesPerSecond NVLink bandwidth one GPU reaches in practice, one direction
 * @param ibAchievableBytesPerSecond scale-out bandwidth one GPU reaches in practice, one direction
 * @param storageWriteBytesPerSecond aggregate write bandwidth of the cluster's storage (what a checkpoint is written at)
 * @param storageReadBytesPerSecond aggregate read bandwidth of the cluster's storage (what a restart reads it back at)
 */
public record ClusterSpec(
    String name,
    String description,
    NodeSpec node,
    int nodes,
    int nvlinkDomainGpus,
    String transport,
    Topology topology,
    int levels,
    int rails,
    int planes,
    double oversubscription,
    Figure nvlinkAchievableBytesPerSecond,
    Figure ibAchievableBytesPerSecond,
    Figure storageWriteBytesPerSecond,
    Figure storageReadBytesPerSecond) {

  /** Reads a cluster; its node's GPU is looked up in {@code catalog}. */
  public static ClusterSpec read(SpecNode n, HardwareCatalog catalog) {
    NodeSpec node = NodeSpec.read(n.child("node"), catalog);
    int nodes = n.positiveInt("nodes");
    int domain = n.positiveInt("nvlinkDomainGpus");
    if (domain % node.gpusPerNode() != 0 || (long) nodes * node.gpusPerNode() % domain != 0) {
      throw new InvalidInputException(n.fieldPath("nvlinkDomainGpus"), domain + " is not a whole number of "
          + node.gpusPerNode() + "-GPU nodes that divides the cluster's " + (long) nodes * node.gpusPerNode() + " GPUs");
    }
    SpecNode net = n.child("network");
    return new ClusterSpec(
        n.text("name"),
        n.text("description", ""),
        node,
        nodes,
        domain,
        transport(net),
        Topology.parse(net.text("topology"), net.fieldPath("topology")),
        bounded(net, "levels", 1, 3),
        bounded(net, "rails", 1, node.nicsPerNode()),
        net.positiveInt("planes"),
        oversubscription(net),
        n.figure("nvlinkAchievableBytesPerSecond", false),
        n.figure("ibAchievableBytesPerSecond", false),
        n.figure("storageWriteBytesPerSecond", false),
        n.figure("storageReadBytesPerSecond", false));
  }

  private static String transport(SpecNode net) {
    String t = net.text("transport").toLowerCase(Locale.ROOT);
    if (!t.equals("infiniband") && !t.equals("roce")) {
      throw new InvalidInputException(net.fieldPath("transport"), "unknown transport '" + t + "' (infiniband, roce)");
    }
    return t;
  }

  private static int bounded(SpecNode net, String field, int low, int high) {
    int v = net.positiveInt(field);
    if (v < low || v > high) {
      throw new InvalidInputException(net.fieldPath(field), "must be in " + low + ".." + high + ", got " + v);
    }
    return v;
  }

  private static double oversubscription(SpecNode net) {
    double oversubscription = net.positive("oversubscription");
    if (oversubscription < 1) {
      throw new InvalidInputException(net.fieldPath("oversubscription"), "must be 1 or more");
    }
    return oversubscription;
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

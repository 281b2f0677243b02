package org.hourglass.hardware;

import org.hourglass.sim.InvalidInputException;

/**
 * The cluster a scenario runs on: a catalog cluster, optionally with another GPU, node count or
 * link speed for a what-if. Achievable bandwidths keep their source; a scaled one says so.
 *
 * <p>Swapping the GPU scales the achievable NVLink figure by the ratio of the new GPU's NVLink
 * datasheet figure to the base GPU's: the fraction of the datasheet that DeepSeek reached on H800
 * (160 of 200 GB/s per direction) is assumed to carry over, which is stated in the source.
 */
public record ClusterFigures(String name, GpuSpec gpu, int nodes, int gpusPerNode, double nvlinkBytesPerSecond,
    String nvlinkSource, double ibBytesPerSecond, String ibSource) {

  /** All GPUs. */
  public int gpus() {
    return nodes * gpusPerNode;
  }

  public static ClusterFigures read(SpecNode n, HardwareCatalog catalog) {
    ClusterSpec base = catalog.cluster(n.text("base"));
    GpuSpec gpu = n.has("gpu") ? catalog.gpu(n.text("gpu")) : base.gpu();
    int perNode = base.node().gpusPerNode();
    int nodes = base.nodes();
    if (n.has("gpus")) {
      int gpus = n.positiveInt("gpus");
      if (gpus % perNode != 0) {
        throw new InvalidInputException(n.fieldPath("gpus"), gpus + " is not a whole number of "
            + perNode + "-GPU nodes");
      }
      nodes = gpus / perNode;
    }
    double nvlinkRatio = gpu.nvlinkBytesPerSecond().value() / base.gpu().nvlinkBytesPerSecond().value();
    double nvlinkScale = (n.has("nvlinkScale") ? scale(n, "nvlinkScale") : 1.0) * nvlinkRatio;
    double ibScale = n.has("ibScale") ? scale(n, "ibScale") : 1.0;
    return new ClusterFigures(base.name() + (gpu == base.gpu() ? "" : " with " + gpu.name()), gpu, nodes, perNode,
        base.nvlinkAchievableBytesPerSecond().value() * nvlinkScale,
        scaled(base.nvlinkAchievableBytesPerSecond().source(), nvlinkScale, "NVLink datasheet ratio and cluster.nvlinkScale"),
        base.ibAchievableBytesPerSecond().value() * ibScale,
        scaled(base.ibAchievableBytesPerSecond().source(), ibScale, "cluster.ibScale"));
  }

  /** A what-if link scale: between 1/100 and 100 of the achievable figure (beyond is no cluster, a typo). */
  private static double scale(SpecNode n, String field) {
    double s = n.positive(field);
    if (s < 0.01 || s > 100) {
      throw new InvalidInputException(n.fieldPath(field), "must be in 0.01..100, got " + s);
    }
    return s;
  }

  private static String scaled(String source, double scale, String why) {
    return scale == 1.0 ? source : source + "; scaled by " + String.format("%.3g", scale) + " (" + why + ")";
  }
}

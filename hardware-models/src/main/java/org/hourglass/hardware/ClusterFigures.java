package org.hourglass.hardware;

import java.util.Optional;
import org.hourglass.sim.InvalidInputException;

/**
 * The cluster a scenario runs on: a catalog cluster, optionally with another GPU, node count or
 * link speed for a what-if. Achievable bandwidths keep their source; a scaled one says so.
 *
 * <p>Swapping the GPU scales the achievable NVLink figure by the ratio of the new GPU's NVLink
 * datasheet figure to the base GPU's: the fraction of the datasheet that DeepSeek reached on H800
 * (160 of 200 GB/s per direction) is assumed to carry over, which is stated in the source. It also
 * swaps the GPUs' board power inside the node's power. An oversubscribed fabric divides the
 * scale-out figure by its oversubscription (every byte assumed to cross a leaf uplink).
 *
 * @param base the catalog cluster this one starts from
 * @param gpusPerNvlinkDomain GPUs on one NVLink fabric: the island the all-to-all, tensor-parallel
 *     and collective models treat as "intra-node"
 */
public record ClusterFigures(String name, ClusterSpec base, GpuSpec gpu, int nodes, int gpusPerNode,
    int gpusPerNvlinkDomain, double nvlinkBytesPerSecond, String nvlinkSource, double ibBytesPerSecond,
    String ibSource, double nodeWatts, String nodeWattsSource) {

  /** All GPUs. */
  public int gpus() {
    return nodes * gpusPerNode;
  }

  /** The cluster a scenario's {@code cluster} block names: a catalog cluster with optional what-if overrides. */
  public static ClusterFigures read(SpecNode n, HardwareCatalog catalog) {
    ClusterSpec base = catalog.cluster(n.text("base"));
    GpuSpec gpu = n.has("gpu") ? catalog.gpu(n.text("gpu")) : base.gpu();
    int perNode = base.node().gpusPerNode();
    int domain = base.nvlinkDomainGpus();
    int nodes = base.nodes();
    if (n.has("gpus")) {
      int gpus = n.positiveInt("gpus");
      if (gpus % domain != 0) {
        throw new InvalidInputException(n.fieldPath("gpus"), gpus + " is not a whole number of "
            + domain + "-GPU " + (domain == perNode ? "nodes" : "NVLink domains"));
      }
      nodes = gpus / perNode;
    }
    return of(base, gpu, nodes, n.has("nvlinkScale") ? scale(n, "nvlinkScale") : 1.0, n.has("ibScale") ? scale(n, "ibScale") : 1.0);
  }

  /** A catalog cluster as it is. */
  public static ClusterFigures of(ClusterSpec base) {
    return of(base, base.gpu(), base.nodes(), 1.0, 1.0);
  }

  private static ClusterFigures of(ClusterSpec base, GpuSpec gpu, int nodes, double nvlinkWhatIf, double ibWhatIf) {
    int perNode = base.node().gpusPerNode();
    double nvlinkRatio = gpu.nvlinkBytesPerSecond().value() / base.gpu().nvlinkBytesPerSecond().value();
    double nvlinkScale = nvlinkWhatIf * nvlinkRatio;
    double ibScale = ibWhatIf / base.oversubscription();
    double gpuWattsDelta = perNode * (gpu.tdpWatts().value() - base.gpu().tdpWatts().value());
    return new ClusterFigures(base.name() + (gpu == base.gpu() ? "" : " with " + gpu.name()), base, gpu, nodes, perNode,
        base.nvlinkDomainGpus(),
        base.nvlinkAchievableBytesPerSecond().value() * nvlinkScale,
        scaled(base.nvlinkAchievableBytesPerSecond().source(), nvlinkScale, "NVLink datasheet ratio and cluster.nvlinkScale"),
        base.ibAchievableBytesPerSecond().value() * ibScale,
        scaled(base.ibAchievableBytesPerSecond().source(), ibScale, "cluster.ibScale over the fabric's oversubscription"),
        base.node().watts().value() + gpuWattsDelta,
        base.node().watts().source() + (gpuWattsDelta == 0 ? ""
            : String.format("; %+.0f W for %d x %s board power instead of %s", gpuWattsDelta, perNode, gpu.name(), base.gpu().name())));
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

  /** Switch levels a scale-out message crosses up and down: the fat-tree's levels. */
  public int switchLevels() {
    return base.levels();
  }

  /** The power of every node at full load, watts. */
  public double clusterWatts() {
    return nodes * nodeWatts;
  }

  /** Why the numbers on this cluster are an estimate (a GPU generation no kernel was measured on), or empty. */
  public Optional<String> extrapolation() {
    return gpu.extrapolation();
  }

  /** One line for people: nodes, NVLink domain, scale-out fabric. */
  public String fabricDescription() {
    String domain = gpusPerNvlinkDomain == gpusPerNode ? gpusPerNode + " per node on NVLink"
        : gpusPerNode + " per node, " + gpusPerNvlinkDomain + " per NVLink domain";
    return String.format("%d x %s (%s); %s %s, %d level%s, %d rail%s, %d plane%s, oversubscription %s", gpus(),
        gpu.name(), domain, base.transport(), base.topology().spelling(), base.levels(), base.levels() == 1 ? "" : "s",
        base.rails(), base.rails() == 1 ? "" : "s", base.planes(), base.planes() == 1 ? "" : "s",
        trim(base.oversubscription()));
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) + ":1" : v + ":1";
  }
}

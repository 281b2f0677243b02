package org.hourglass.reliability;

import java.util.List;

/**
 * What decides a run's lost time: component failure rates (exponential, or Weibull of shape
 * {@code weibullShape} for the job-level time between failures), how long a failure takes to detect
 * and to restart from, whether hot spares stand by, and how the run checkpoints.
 *
 * @param components the failure classes and their rates
 * @param rateScale every rate multiplied by this (1: as sourced; a what-if knob)
 * @param weibullShape shape k of the time between a class's failures; 1 is exponential
 * @param detectSeconds from a failure to the job knowing of it
 * @param restartSeconds re-scheduling, process start and warm-up, checkpoint reading aside
 * @param hotSpares whether a replacement node stands by, so a hardware failure costs no swap wait
 * @param replaceSeconds the swap wait of a hardware failure without hot spares
 * @param checkpointIntervalSeconds training time between checkpoints
 * @param asynchronous whether a checkpoint is written in the background after a copy to host memory
 * @param hostCopyBytesPerSecondPerGpu device-to-host copy bandwidth per GPU (the asynchronous stall)
 * @param source where the figures come from
 */
public record ReliabilitySpec(List<ComponentFailures> components, double rateScale, double weibullShape, double detectSeconds,
    double restartSeconds, boolean hotSpares, double replaceSeconds, double checkpointIntervalSeconds, boolean asynchronous,
    double hostCopyBytesPerSecondPerGpu, String source) {

  public ReliabilitySpec {
    components = List.copyOf(components);
  }

  /**
   * The published defaults. Total rate: Meta's RSC-1 research cluster, 6.50 interruptions per 1000
   * node-days for jobs over 128 GPUs (Kokolis et al., arXiv 2410.21680, Fig. 7; reference/reliability.md
   * s1). Its split by component: Meta's per-cause rates (Fig. 4) were not read, so the split is
   * Llama 3's Table 5 shares (GPU 268, network 42, host 46, other 63 of 419), an input for the
   * by-component breakdown only; Llama 3's own totals stay checks.
   */
  public static ReliabilitySpec builtIn() {
    double total = 6.50;
    String split = "split by Llama 3 405B Table 5 (arXiv 2407.21783; GPU 268, network 42, host 46, other 63 of 419)";
    String meta = "Meta RSC-1, 6.50 per 1000 node-days (Kokolis et al., arXiv 2410.21680, Fig. 7) ";
    List<ComponentFailures> c = List.of(
        new ComponentFailures("GPU", total * 268 / 419, true, meta + split),
        new ComponentFailures("network", total * 42 / 419, true, meta + split),
        new ComponentFailures("host", total * 46 / 419, true, meta + split),
        new ComponentFailures("other", total * 63 / 419, false, meta + split + "; software, dependencies, timeouts: a restart"));
    return new ReliabilitySpec(c, 1, 1, 300, 600, true, 7_200, 3_600, false, 32e9,
        "detection 5 min: Meta's health checks run every 5 minutes (arXiv 2410.21680); restart 10 min: inside Meta's 5-20 min"
            + " restart overhead u0; swap 2 h without spares: OPT-175B's logbook, 'replacing a machine ... could take hours'"
            + " (metaseq chronicles 27_percent_update); checkpoint every 60 min: Meta's hourly practice; host copy 32 GB/s"
            + " per GPU: half of PCIe Gen5 x16's 64 GB/s each way (assumption); storage bandwidth: the cluster's");
  }

  /** The same with every rate times {@code factor}. */
  public ReliabilitySpec withRateScale(double factor) {
    return new ReliabilitySpec(components, factor, weibullShape, detectSeconds, restartSeconds, hotSpares, replaceSeconds,
        checkpointIntervalSeconds, asynchronous, hostCopyBytesPerSecondPerGpu, source);
  }

  /** The same with checkpoints every {@code seconds} of training. */
  public ReliabilitySpec withInterval(double seconds) {
    return new ReliabilitySpec(components, rateScale, weibullShape, detectSeconds, restartSeconds, hotSpares, replaceSeconds,
        seconds, asynchronous, hostCopyBytesPerSecondPerGpu, source);
  }

  /** Interruptions per second of the whole job, every class together. */
  public double perSecond(int nodes) {
    return components.stream().mapToDouble(c -> c.perSecond(nodes)).sum() * rateScale;
  }
}

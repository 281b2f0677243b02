package org.hourglass.comm;

import org.hourglass.sim.SimTime;

/**
 * The network a GPU sees: NVLink/NVSwitch inside a node, one InfiniBand NIC per GPU between nodes.
 * Bandwidths are per GPU and per direction; the lead maps the hardware catalog onto this record.
 */
public record Fabric(
    int gpusPerNode,
    double nvlinkBytesPerSecondPerGpu,
    double ibBytesPerSecondPerGpu,
    long nvlinkLatencyPs,
    long ibLatencyPs,
    String source) {

  /**
   * The DeepSeek-V3 cluster: 8 H800 per node, 160 GB/s achievable NVLink and 50 GB/s achievable IB
   * per GPU (DeepSeek-V3 report, arXiv 2412.19437, section 3.2.2; reference/deepseek-v3.md, hardware.md).
   * Latencies are an order-of-magnitude assumption (about 1 us through NVSwitch, 2 us for an RDMA
   * write across one IB switch); they are microseconds against millisecond all-to-alls.
   */
  public static final Fabric H800_DEEPSEEK_V3 = new Fabric(8, 160e9, 50e9, SimTime.PS_PER_US, 2 * SimTime.PS_PER_US,
      "DeepSeek-V3 report (arXiv 2412.19437) s3.2.2: 160 GB/s NVLink, 50 GB/s IB per GPU; latencies assumed");

  public Fabric {
    if (gpusPerNode < 1) {
      throw new IllegalArgumentException("gpusPerNode must be at least 1, got " + gpusPerNode);
    }
    new Link("nvlink", nvlinkBytesPerSecondPerGpu, nvlinkLatencyPs);
    new Link("infiniband", ibBytesPerSecondPerGpu, ibLatencyPs);
  }

  /** One GPU's NVLink port, one direction. */
  public Link nvlink() {
    return new Link("nvlink", nvlinkBytesPerSecondPerGpu, nvlinkLatencyPs);
  }

  /** One GPU's InfiniBand NIC, one direction. */
  public Link infiniband() {
    return new Link("infiniband", ibBytesPerSecondPerGpu, ibLatencyPs);
  }

  /** NVLink over IB bandwidth: how many NVLink copies one IB arrival can feed at no extra time. */
  public double nvlinkToIbRatio() {
    return nvlinkBytesPerSecondPerGpu / ibBytesPerSecondPerGpu;
  }
}

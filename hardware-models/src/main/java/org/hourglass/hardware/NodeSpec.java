package org.hourglass.hardware;

/**
 * One server: its GPUs, whether they meet on an NVSwitch (all-to-all at full NVLink bandwidth), and
 * its scale-out NICs.
 *
 * @param gpu the GPU in every slot
 * @param gpusPerNode GPUs in one node
 * @param nvswitch true when all GPUs of the node are joined by NVSwitch
 * @param nicsPerNode scale-out NICs (InfiniBand or Ethernet)
 * @param nicBitsPerSecond line rate of one NIC
 * @param watts the whole node's power at full load (GPUs, CPUs, NICs, fans), for energy
 */
public record NodeSpec(GpuSpec gpu, int gpusPerNode, boolean nvswitch, int nicsPerNode, Figure nicBitsPerSecond,
    Figure watts) {

  /** Reads a node; the GPU is looked up by name in {@code catalog}. */
  public static NodeSpec read(SpecNode n, HardwareCatalog catalog) {
    return new NodeSpec(
        catalog.gpu(n.text("gpu")),
        n.positiveInt("gpusPerNode"),
        n.bool("nvswitch"),
        n.positiveInt("nicsPerNode"),
        n.figure("nicBitsPerSecond", false),
        n.figure("watts", false));
  }

  /** Scale-out line rate per GPU in bytes per second: NICs times line rate over GPUs, over 8 bits. */
  public double nicBytesPerSecondPerGpu() {
    return nicsPerNode * nicBitsPerSecond.value() / 8.0 / gpusPerNode;
  }
}

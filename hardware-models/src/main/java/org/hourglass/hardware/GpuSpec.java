package org.hourglass.hardware;

import java.util.List;
import org.hourglass.sim.InvalidInputException;

/**
 * One GPU as its datasheet describes it: dense peak tensor throughput per precision, SM count, HBM
 * capacity and bandwidth, L2, NVLink bandwidth and board power. Each figure carries its source.
 *
 * @param name catalog name, e.g. {@code h800-sxm}
 * @param aliases other names it answers to, e.g. {@code h800}
 * @param description one line for people
 * @param sms streaming multiprocessors
 * @param fp8FlopsPerSecond dense FP8 tensor peak (zero where the GPU has no FP8 tensor cores)
 * @param bf16FlopsPerSecond dense BF16 tensor peak
 * @param fp32FlopsPerSecond FP32 (non-tensor) peak
 * @param hbmBytes HBM capacity
 * @param hbmBytesPerSecond HBM bandwidth
 * @param l2Bytes L2 cache capacity
 * @param nvlinkBytesPerSecond NVLink bandwidth per GPU, both directions summed (datasheet convention)
 * @param tdpWatts board power limit
 * @param architecture the GPU generation ({@code ampere}, {@code hopper}, {@code blackwell}); kernel
 *     efficiencies are measured on Hopper (H800), so any other generation's are an extrapolation
 * @param rentalUsdPerGpuHour an on-demand rental price, its source saying where and when it was quoted
 */
public record GpuSpec(
    String name,
    List<String> aliases,
    String description,
    Figure sms,
    Figure fp8FlopsPerSecond,
    Figure bf16FlopsPerSecond,
    Figure fp32FlopsPerSecond,
    Figure hbmBytes,
    Figure hbmBytesPerSecond,
    Figure l2Bytes,
    Figure nvlinkBytesPerSecond,
    Figure tdpWatts,
    String architecture,
    Figure rentalUsdPerGpuHour) {

  /** The generation every kernel calibration in this tool was measured on (DeepGEMM, DeepEP, FlashAttention-3 on H800/H100). */
  public static final String CALIBRATED_ARCHITECTURE = "hopper";

  private static final List<String> ARCHITECTURES = List.of("ampere", "hopper", "blackwell");

  /** Reads a GPU description; every figure is required and must be positive (FP8 may be zero). */
  public static GpuSpec read(SpecNode n) {
    return new GpuSpec(
        n.text("name"),
        List.copyOf(n.texts("aliases")),
        n.text("description", ""),
        n.figure("sms", false),
        n.figure("fp8FlopsPerSecond", true),
        n.figure("bf16FlopsPerSecond", false),
        n.figure("fp32FlopsPerSecond", false),
        n.figure("hbmBytes", false),
        n.figure("hbmBytesPerSecond", false),
        n.figure("l2Bytes", false),
        n.figure("nvlinkBytesPerSecond", false),
        n.figure("tdpWatts", false),
        architecture(n),
        n.figure("rentalUsdPerGpuHour", false));
  }

  private static String architecture(SpecNode n) {
    String a = n.text("architecture");
    if (!ARCHITECTURES.contains(a)) {
      throw new InvalidInputException(n.fieldPath("architecture"), "unknown architecture '" + a + "' (" + String.join(", ", ARCHITECTURES) + ")");
    }
    return a;
  }

  /**
   * Why this GPU's kernel efficiencies are an estimate, or empty when they were measured on its own
   * generation: efficiencies fitted on Hopper carry over to another generation only as an assumption.
   */
  public java.util.Optional<String> extrapolation() {
    if (architecture.equals(CALIBRATED_ARCHITECTURE)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(name + " (" + architecture + "): kernel efficiencies extrapolated from Hopper (H800) "
        + "measurements onto its datasheet peaks");
  }

  /** True when {@code key} is this GPU's name or one of its aliases (case-insensitive). */
  public boolean answersTo(String key) {
    return name.equalsIgnoreCase(key) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(key));
  }

  /** Whether the GPU has FP8 tensor cores. */
  public boolean hasFp8() {
    return fp8FlopsPerSecond.value() > 0;
  }
}

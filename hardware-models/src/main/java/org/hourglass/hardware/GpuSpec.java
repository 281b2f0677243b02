package org.hourglass.hardware;

import java.util.List;

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
    Figure tdpWatts) {

  /** Reads a GPU description; every figure is required and must be positive (FP8 may be zero). */
  public static GpuSpec read(SpecNode n) {
    return new GpuSpec(
        n.text("name"),
        List.copyOf(n.texts("aliases")),
        n.text("description", ""),
        n.figure("sms", false),
        n.figure("fp8_flops_per_second", true),
        n.figure("bf16_flops_per_second", false),
        n.figure("fp32_flops_per_second", false),
        n.figure("hbm_bytes", false),
        n.figure("hbm_bytes_per_second", false),
        n.figure("l2_bytes", false),
        n.figure("nvlink_bytes_per_second", false),
        n.figure("tdp_watts", false));
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

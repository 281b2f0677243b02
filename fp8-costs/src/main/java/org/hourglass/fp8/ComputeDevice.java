package org.hourglass.fp8;

import java.util.List;
import java.util.Locale;
import org.hourglass.sim.InvalidInputException;

/**
 * The few figures of a GPU that compute costs need: SM count, dense tensor-core peaks, FP32 CUDA-core peak,
 * HBM bandwidth and L2 size. A peak of 0 means the precision is not supported (A100 has no FP8).
 * The built-in devices carry the dense datasheet figures of {@code shared/reference/hardware.md}.
 */
public record ComputeDevice(
    String name,
    int sms,
    double peakFp8FlopsPerSecond,
    double peakBf16FlopsPerSecond,
    double peakFp32FlopsPerSecond,
    double hbmBytesPerSecond,
    long l2Bytes,
    String source) {

  private static final String DATASHEETS = "hardware.md: NVIDIA datasheets, dense (no sparsity) peaks";
  private static final long MB = 1_000_000L;

  /** H800 SXM: H100 SMs and tensor throughput with cut NVLink (DeepSeek-V3 cluster GPU). */
  public static final ComputeDevice H800 =
      new ComputeDevice("h800", 132, 1979e12, 989e12, 67e12, 3.35e12, 50 * MB, DATASHEETS + " (H800 SXM)");
  /** H100 SXM. */
  public static final ComputeDevice H100 =
      new ComputeDevice("h100", 132, 1979e12, 989e12, 67e12, 3.35e12, 50 * MB, DATASHEETS + " (H100 SXM)");
  /** H200 SXM: H100 compute with HBM3e; L2 as H100. */
  public static final ComputeDevice H200 =
      new ComputeDevice("h200", 132, 1979e12, 989e12, 67e12, 4.8e12, 50 * MB, DATASHEETS + " (H200 SXM)");
  /** A100 SXM 80GB: no FP8 tensor cores; 40 MB L2 (A100 datasheet). */
  public static final ComputeDevice A100 =
      new ComputeDevice("a100", 108, 0, 312e12, 19.5e12, 2.039e12, 40 * MB, DATASHEETS + " (A100 SXM 80GB)");
  /** B200 (HGX): a planning estimate, figures vary by system; L2 not in hardware.md, 126 MB assumed. */
  public static final ComputeDevice B200 = new ComputeDevice("b200", 148, 4500e12, 2250e12, 75e12, 7.7e12, 126 * MB,
      DATASHEETS + " (HGX B200, planning estimate; L2 size an assumption)");

  /** Every built-in device. */
  public static final List<ComputeDevice> BUILT_IN = List.of(H800, H100, H200, A100, B200);

  public ComputeDevice {
    if (sms < 1 || peakBf16FlopsPerSecond <= 0 || peakFp32FlopsPerSecond <= 0 || hbmBytesPerSecond <= 0) {
      throw new IllegalArgumentException("device " + name + ": SMs, BF16, FP32 and HBM figures must be positive");
    }
  }

  /** The built-in device of that name (case-insensitive), or bad input naming {@code field}. */
  public static ComputeDevice byName(String name, String field) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return BUILT_IN.stream().filter(d -> d.name().equals(wanted)).findFirst()
        .orElseThrow(() -> new InvalidInputException(field, "unknown GPU '" + name + "', known: "
            + String.join(", ", BUILT_IN.stream().map(ComputeDevice::name).toList())));
  }

  /** Dense tensor-core peak for the precision; 0 if the device lacks it. */
  public double peakFlopsPerSecond(GemmDtype dtype) {
    return dtype == GemmDtype.FP8 ? peakFp8FlopsPerSecond : peakBf16FlopsPerSecond;
  }

  /** Whether the tensor cores run this precision. */
  public boolean supports(GemmDtype dtype) {
    return peakFlopsPerSecond(dtype) > 0;
  }
}

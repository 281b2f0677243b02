package org.hourglass.fp8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Published Hopper microbenchmarks of open memory-bound kernels ({@code memory-bound-hopper.csv}, each
 * row's source in its header): Liger-Kernel's H100 SXM benchmarks of a fused residual-add RMSNorm, a
 * SwiGLU and an element-wise kernel; vLLM's per-token-group FP8 quantization measured on an H100 in
 * helion pull request #3073 (small launches); torchao's blockwise FP8 training quantization kernels at
 * DeepSeek-V3's shapes, 1x128, 128x1 and transposed (large launches). Each measured class gets the curve fitted to its rows
 * ({@link MemoryBoundCurve#fit}); a class nobody measured takes a named stand-in's curve. None of these
 * is DeepSeek's kernel or workload, so DeepSeek's training profile remains a check of them.
 */
public final class MemoryBoundBenchmarks {
  /** The GPU the benchmarks ran on, whose HBM datasheet figure the fitted bandwidths are a fraction of. */
  public static final ComputeDevice MEASURED_ON = ComputeDevice.H100;

  /** One published launch: its class, source, shape, bytes moved and median time. */
  public record Launch(MemoryBoundKernel kernel, String source, String shape, double bytes, double seconds) {}

  private static final List<Launch> LAUNCHES = load();
  private static final Map<MemoryBoundKernel, MemoryBoundCurve> FITTED = fitEachMeasuredClass();

  private MemoryBoundBenchmarks() {}

  /** Every published launch, in the file's order. */
  public static List<Launch> launches() {
    return LAUNCHES;
  }

  /** The launches of one class (empty for a class nobody measured). */
  public static List<Launch> of(MemoryBoundKernel kernel) {
    return LAUNCHES.stream().filter(l -> l.kernel() == kernel).toList();
  }

  /**
   * The class whose curve prices {@code kernel}: itself where it was measured, else its stand-in. RoPE,
   * the expert permutation and the optimizer are element-wise streams with no published Hopper sweep
   * found.
   */
  public static MemoryBoundKernel pricedAs(MemoryBoundKernel kernel) {
    return switch (kernel) {
      case ROPE, EXPERT_PERMUTE, OPTIMIZER -> MemoryBoundKernel.ELEMENTWISE;
      default -> kernel;
    };
  }

  /** The curve fitted to {@code launches} on the measured GPU. */
  public static MemoryBoundCurve fit(List<Launch> launches, String source) {
    return MemoryBoundCurve.fit(launches.stream().mapToDouble(Launch::bytes).toArray(),
        launches.stream().mapToDouble(Launch::seconds).toArray(), source);
  }

  /**
   * Each class's curve on {@code device}: the fitted floor as measured, the fitted bandwidth as the same
   * fraction of {@code device}'s HBM datasheet figure as of the measured GPU's. That the floor and the
   * fraction carry to other GPUs is an assumption (exact for the H800, whose HBM is the H100 SXM's).
   */
  public static Map<MemoryBoundKernel, MemoryBoundCurve> curvesOn(ComputeDevice device) {
    Map<MemoryBoundKernel, MemoryBoundCurve> curves = new EnumMap<>(MemoryBoundKernel.class);
    for (MemoryBoundKernel k : MemoryBoundKernel.values()) {
      MemoryBoundKernel as = pricedAs(k);
      MemoryBoundCurve measured = FITTED.get(as);
      double fraction = measured.bytesPerSecond() / MEASURED_ON.hbmBytesPerSecond();
      curves.put(k, new MemoryBoundCurve(measured.floorSeconds(), fraction * device.hbmBytesPerSecond(),
          describe(k, as, measured, fraction)));
    }
    return curves;
  }

  private static Map<MemoryBoundKernel, MemoryBoundCurve> fitEachMeasuredClass() {
    Map<MemoryBoundKernel, MemoryBoundCurve> fitted = new EnumMap<>(MemoryBoundKernel.class);
    for (MemoryBoundKernel k : MemoryBoundKernel.values()) {
      List<Launch> launches = of(k);
      if (!launches.isEmpty()) {
        fitted.put(k, fit(launches, String.join(", ", launches.stream().map(Launch::source).distinct().toList())));
      }
    }
    return fitted;
  }

  private static String describe(MemoryBoundKernel k, MemoryBoundKernel as, MemoryBoundCurve measured, double fraction) {
    String fit = String.format(Locale.ROOT, "floor %.2f us, %.3f of HBM peak, fitted to %d published H100 launches (%s)",
        1e6 * measured.floorSeconds(), fraction, of(as).size(), measured.source());
    return as == k ? fit : fit + " (" + k.profileName() + " priced as " + as.profileName() + ": no published sweep of its own)";
  }

  private static List<Launch> load() {
    try (InputStream in = MemoryBoundBenchmarks.class.getResourceAsStream("memory-bound-hopper.csv");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("class,"))
          .map(MemoryBoundBenchmarks::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Launch parse(String line) {
    String[] f = line.split(",");
    Optional<MemoryBoundKernel> kernel = MemoryBoundKernel.ofProfileName(f[0]);
    return new Launch(kernel.orElseThrow(() -> new IllegalStateException("unknown kernel class " + f[0])), f[1], f[2],
        Double.parseDouble(f[3]), Double.parseDouble(f[4]) * 1e-6);
  }
}

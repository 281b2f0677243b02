package org.hourglass.validation.calibration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hourglass.hardware.GpuSpec;
import org.hourglass.hardware.HardwareCatalog;
import org.hourglass.sim.InvalidInputException;

/**
 * Reads DeepGEMM's published performance table (CSV: layout, groups, m_per_group, n, k, tflops, gbps;
 * '#' lines are its provenance) as measurements of an H800: each row becomes the time its TFLOP/s
 * imply for its shape, with bytes counted as FP8 A and B plus a BF16 C, the counting DeepGEMM's own
 * GB/s column follows. Efficiencies are taken against the H800's datasheet FP8 peak from the hardware
 * catalog.
 */
public final class DeepGemmTable {
  /** The kernel name the rows are recorded under. */
  public static final String KERNEL = "deepgemm";
  /** Their dtype. */
  public static final String DTYPE = "fp8-e4m3";
  private static final String HEADER = "layout,groups,m_per_group,n,k,tflops,gbps";

  private DeepGemmTable() {}

  /** The table in {@code file} as a measurement set. */
  public static MeasurementSet read(Path file) {
    List<String> sources = new ArrayList<>();
    List<Measurement> rows = new ArrayList<>();
    int lineNo = 0;
    for (String line : lines(file)) {
      lineNo++;
      if (line.startsWith("#")) {
        sources.add(line.substring(1).strip());
      } else if (!line.isBlank() && !line.strip().equals(HEADER)) {
        rows.add(row(file, lineNo, line.strip()));
      }
    }
    GpuSpec h800 = HardwareCatalog.builtIn().gpu("h800");
    Map<String, Peak> peaks = Map.of(
        DTYPE, new Peak(h800.fp8FlopsPerSecond().value(), Peak.FLOPS, "datasheet", h800.fp8FlopsPerSecond().source()),
        MeasurementSet.HBM, new Peak(h800.hbmBytesPerSecond().value(), Peak.BYTES, "datasheet", h800.hbmBytesPerSecond().source()));
    return new MeasurementSet("NVIDIA H800 SXM5 (published)", null,
        "published: DeepGEMM README performance table; time = FLOPs / published TFLOP/s", peaks, sources, rows);
  }

  private static Measurement row(Path file, int lineNo, String line) {
    String[] f = line.split(",");
    if (f.length != 7) {
      throw new InvalidInputException(file + ":" + lineNo, "expected 7 fields (" + HEADER + "), got " + f.length);
    }
    try {
      Measurement.Shape shape = new Measurement.Shape(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
      double tflops = Double.parseDouble(f[5]);
      double flops = shape.gemmFlops();
      return new Measurement(KERNEL, DTYPE, shape, null, flops / (tflops * 1e12), null, flops, shape.gemmBytes(1, 2));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file + ":" + lineNo, "not a number: " + e.getMessage());
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The published GB/s of each row, in file order, to check the byte counting against. */
  public static List<Double> publishedGbps(Path file) {
    return lines(file).stream().filter(l -> !l.startsWith("#") && !l.isBlank() && !l.strip().equals(HEADER))
        .map(l -> Double.parseDouble(l.strip().split(",")[6])).toList();
  }
}

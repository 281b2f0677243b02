package org.hourglass.cli;

import java.util.Locale;

/**
 * A catalog figure in the unit a person reads, chosen from its key's unit suffix, with what kind of
 * bandwidth it is: a datasheet NVLink figure counts both directions, an achievable one a single
 * direction (the catalog's conventions, see {@code GpuSpec} and {@code ClusterSpec}).
 */
final class HumanUnits {
  private HumanUnits() {}

  static String of(String key, double v) {
    if (key.endsWith("flops_per_second")) {
      return String.format(Locale.ROOT, "%.0f TFLOP/s", v / 1e12);
    }
    if (key.endsWith("bits_per_second")) {
      return String.format(Locale.ROOT, "%.0f Gb/s", v / 1e9);
    }
    if (key.endsWith("bytes_per_second")) {
      String kind = key.contains("achievable") ? " per direction, achievable"
          : key.startsWith("nvlink") ? " both directions, datasheet" : "";
      return (v >= 1e12 ? String.format(Locale.ROOT, "%.2f TB/s", v / 1e12) : String.format(Locale.ROOT, "%.0f GB/s", v / 1e9)) + kind;
    }
    if (key.endsWith("bytes")) {
      return v >= 1 << 30 ? String.format(Locale.ROOT, "%.0f GiB", v / (1L << 30)) : String.format(Locale.ROOT, "%.0f MiB", v / (1 << 20));
    }
    if (key.endsWith("watts")) {
      return v >= 1e4 ? String.format(Locale.ROOT, "%.1f kW", v / 1e3) : String.format(Locale.ROOT, "%.0f W", v);
    }
    if (key.startsWith("rental_usd")) {
      return String.format(Locale.ROOT, "$%.2f per GPU-hour", v);
    }
    return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }
}

package org.hourglass.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Locale;

/** Number formatting for the text output of the workload and hardware commands, and their one JSON writer. */
final class Units {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Units() {}

  /** Billions with two decimals, e.g. {@code 671.03B}. */
  static String billions(double v) {
    return String.format(Locale.ROOT, "%.2fB", v / 1e9);
  }

  /** GFLOPs with one decimal. */
  static String gflops(double flops) {
    return String.format(Locale.ROOT, "%.1f", flops / 1e9);
  }

  /** Binary gigabytes with two decimals, e.g. {@code 76.93 GiB}. */
  static String gib(double bytes) {
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1L << 30));
  }

  /** Bytes with thousands separators. */
  static String bytes(long bytes) {
    return String.format(Locale.ROOT, "%,d B", bytes);
  }

  /** Prints exactly one JSON object. */
  static void printJson(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
      out.flush();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

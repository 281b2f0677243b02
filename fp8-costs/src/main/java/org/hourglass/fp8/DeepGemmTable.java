package org.hourglass.fp8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * DeepGEMM's H800 FP8 performance tables, kept as resources: the forward/dgrad table (README at
 * 55ab91f, 2025-03-25; {@code shared/reference/deepgemm-h800.csv}) and the weight-gradient table
 * (pull request #95, merged 2025-05-14 as 04278f6; {@code shared/reference/deepgemm-wgrad-h800.csv},
 * with the provenance of each row in its header). Each is the calibration source of its kernel's
 * efficiency and, row by row held out, the check of the model.
 */
public final class DeepGemmTable {
  private static final List<DeepGemmRow> ROWS = load("deepgemm-h800.csv", DeepGemmTable::parse);
  private static final List<DeepGemmWgradRow> WGRAD_ROWS = load("deepgemm-wgrad-h800.csv", DeepGemmTable::parseWgrad);

  private DeepGemmTable() {}

  /** Every row, in the published order. */
  public static List<DeepGemmRow> rows() {
    return ROWS;
  }

  /** The weight-gradient rows, in the published order. */
  public static List<DeepGemmWgradRow> weightGradientRows() {
    return WGRAD_ROWS;
  }

  private static <T> List<T> load(String resource, Function<String, T> parse) {
    try (InputStream in = DeepGemmTable.class.getResourceAsStream(resource);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("layout"))
          .map(parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DeepGemmRow parse(String line) {
    String[] f = line.split(",");
    return new DeepGemmRow(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
        Long.parseLong(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]));
  }

  private static DeepGemmWgradRow parseWgrad(String line) {
    String[] f = line.split(",");
    return new DeepGemmWgradRow(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
        Long.parseLong(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]));
  }
}

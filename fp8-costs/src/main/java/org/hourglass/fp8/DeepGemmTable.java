package org.hourglass.fp8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * DeepGEMM's H800 FP8 performance table (github deepseek-ai/DeepGEMM README at 55ab91f, 2025-03-25),
 * a copy of {@code shared/reference/deepgemm-h800.csv} kept as a resource: the calibration source of the
 * FP8 kernel efficiency and the check of the model.
 */
public final class DeepGemmTable {
  private static final String RESOURCE = "deepgemm-h800.csv";
  private static final List<DeepGemmRow> ROWS = load();

  private DeepGemmTable() {}

  /** Every row, in the published order. */
  public static List<DeepGemmRow> rows() {
    return ROWS;
  }

  private static List<DeepGemmRow> load() {
    try (InputStream in = DeepGemmTable.class.getResourceAsStream(RESOURCE);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("layout"))
          .map(DeepGemmTable::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DeepGemmRow parse(String line) {
    String[] f = line.split(",");
    return new DeepGemmRow(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
        Long.parseLong(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]));
  }
}

package org.hourglass.validation.calibration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hourglass.sim.InvalidInputException;

/**
 * Reads measurement files and writes profiles. A measurement file is a DeepGEMM-format CSV (a published
 * table), a {@link MeasurementSet} in JSON, or a profile written earlier (it reads as its measurements).
 */
public final class MeasurementFiles {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MeasurementFiles() {}

  /** The measurements in {@code file}; refuses a missing or unreadable file naming {@code field}. */
  public static MeasurementSet read(String field, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(field, "no such file: " + file);
    }
    if (file.getFileName().toString().endsWith(".csv")) {
      return DeepGemmTable.read(file);
    }
    try {
      MeasurementSet set = JSON.readValue(file.toFile(), MeasurementSet.class);
      if (set.measurements() == null || set.datasheetPeaks() == null) {
        throw new InvalidInputException(field, file + " has no measurements or no datasheetPeaks");
      }
      return set;
    } catch (IOException e) {
      throw new InvalidInputException(field, "cannot read " + file + " as measurements: " + firstLine(e.getMessage()));
    }
  }

  /** Writes {@code profile} as indented JSON, creating parent folders. */
  public static void write(Path file, Object profile) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JSON.writeValue(file.toFile(), profile);
  }

  /** Reads a profile written by {@link #write}. */
  public static CalibrationProfile readProfile(Path file) throws IOException {
    return JSON.readValue(file.toFile(), CalibrationProfile.class);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}

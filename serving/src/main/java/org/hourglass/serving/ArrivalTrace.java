package org.hourglass.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hourglass.sim.InvalidInputException;

/**
 * A request trace for {@code serve --simulate --trace}: CSV with the header
 * {@code arrival_seconds,prompt_tokens,output_tokens}, one request a line, arrivals not decreasing.
 * A bad line is refused naming its number and column.
 */
public final class ArrivalTrace {
  static final String HEADER = "arrival_seconds,prompt_tokens,output_tokens";

  private ArrivalTrace() {}

  public static List<ServingSimulation.Arrival> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new InvalidInputException("--trace", "cannot read " + file + ": " + e.getMessage());
    }
    if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
      throw new InvalidInputException("--trace", file + ": the first line must be the header " + HEADER);
    }
    List<ServingSimulation.Arrival> out = new ArrayList<>();
    double last = 0;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 3) {
        throw new InvalidInputException("--trace", "line " + (i + 1) + ": expected 3 columns, got " + cells.length);
      }
      double at = number(cells[0], i, "arrival_seconds");
      if (!(at >= last) || at > 86_400 * 366) {
        throw new InvalidInputException("--trace", "line " + (i + 1) + ": arrival_seconds " + cells[0]
            + " must be finite, not before the line above and within a year");
      }
      last = at;
      out.add(new ServingSimulation.Arrival(at, tokens(cells[1], i, "prompt_tokens"), tokens(cells[2], i, "output_tokens")));
    }
    return out;
  }

  private static double number(String cell, int index, String column) {
    try {
      return Double.parseDouble(cell.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("--trace", "line " + (index + 1) + ": " + column + " '" + cell + "' is not a number");
    }
  }

  private static long tokens(String cell, int index, String column) {
    try {
      long v = Long.parseLong(cell.strip());
      if (v < 1 || v > 10_000_000) {
        throw new InvalidInputException("--trace", "line " + (index + 1) + ": " + column + " must be in 1..10,000,000, got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException("--trace", "line " + (index + 1) + ": " + column + " '" + cell + "' is not a whole number");
    }
  }
}

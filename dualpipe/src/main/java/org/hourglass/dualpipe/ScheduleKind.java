package org.hourglass.dualpipe;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.hourglass.sim.InvalidInputException;

/** The pipeline schedules this module generates, with the names the command line accepts. */
public enum ScheduleKind {
  GPIPE("gpipe", "GPipe"),
  ONE_F_ONE_B("1f1b", "1F1B"),
  INTERLEAVED_1F1B("interleaved", "Interleaved 1F1B"),
  ZB1P("zb1p", "ZB1P"),
  DUALPIPE("dualpipe", "DualPipe"),
  DUALPIPE_V("dualpipev", "DualPipeV");

  private final String cliName;
  private final String displayName;

  ScheduleKind(String cliName, String displayName) {
    this.cliName = cliName;
    this.displayName = displayName;
  }

  /** The name on the command line, e.g. {@code dualpipe}. */
  public String cliName() {
    return cliName;
  }

  /** The name in tables and charts, e.g. {@code DualPipe}. */
  public String displayName() {
    return displayName;
  }

  /** The kind named {@code name} on the command line; refuses an unknown name, listing the known ones. */
  public static ScheduleKind parse(String field, String name) {
    for (ScheduleKind kind : values()) {
      if (kind.cliName.equalsIgnoreCase(name)) {
        return kind;
      }
    }
    String known = Arrays.stream(values()).map(ScheduleKind::cliName).collect(Collectors.joining(", "));
    throw new InvalidInputException(field, "unknown schedule '" + name + "'; known: " + known);
  }
}

package org.hourglass.reports;

import java.util.Objects;

/**
 * A link to a Chrome/Perfetto trace file written beside the report (for example {@code trace.json}),
 * with a sentence on what it shows. Open it in ui.perfetto.dev or chrome://tracing.
 */
public record TraceRef(String file, String description) implements Block {
  public TraceRef {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(description, "description");
    if (file.isBlank() || file.contains("..") || file.startsWith("/")) {
      throw new IllegalArgumentException("trace file must be a plain relative name: " + file);
    }
  }
}

package org.hourglass.reports;

import java.util.Objects;

/** A paragraph of plain text (renderers escape it; no markup is interpreted). */
public record Paragraph(String text) implements Block {
  public Paragraph {
    Objects.requireNonNull(text, "text");
  }
}

package org.hourglass.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A headed part of a report: its blocks (paragraphs, tables, charts, trace links) in reading order. */
public record Section(String heading, List<Block> blocks) {
  public Section {
    Objects.requireNonNull(heading, "heading");
    blocks = List.copyOf(blocks);
  }

  /** Starts a section with the given heading. */
  public static Builder builder(String heading) {
    return new Builder(heading);
  }

  /** Collects a section's blocks in the order they are added. */
  public static final class Builder {
    private final String heading;
    private final List<Block> blocks = new ArrayList<>();

    private Builder(String heading) {
      this.heading = heading;
    }

    /** Adds a paragraph of plain text. */
    public Builder paragraph(String text) {
      return block(new Paragraph(text));
    }

    /** Adds a block of any kind. */
    public Builder block(Block block) {
      blocks.add(Objects.requireNonNull(block, "block"));
      return this;
    }

    /** The section. */
    public Section build() {
      return new Section(heading, blocks);
    }
  }
}

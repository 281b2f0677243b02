package org.hourglass.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A report people read: a title, the inputs that produced it (so a number on a slide can be
 * reproduced), and sections of paragraphs, tables, charts and trace links. Renderers turn the
 * same report into text, JSON, Markdown and HTML; field names are documented in REPORT-FORMAT.md.
 */
@JsonIgnoreProperties(value = "formatVersion", allowGetters = true)
public record Report(String title, Inputs inputs, List<Section> sections) {
  /** The version of the JSON layout described in REPORT-FORMAT.md; bumped on any incompatible change. */
  public static final int FORMAT_VERSION = 1;

  public Report {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(inputs, "inputs");
    sections = List.copyOf(sections);
    requireUniqueChartIds(sections);
  }

  /** The JSON layout's version, written as {@code formatVersion}. */
  @JsonProperty("formatVersion")
  public int formatVersion() {
    return FORMAT_VERSION;
  }

  /** Every chart of the report, in reading order. */
  public List<Chart> charts() {
    return blocks().filter(Chart.class::isInstance).map(Chart.class::cast).toList();
  }

  /** Every trace link of the report, in reading order. */
  public List<TraceRef> traces() {
    return blocks().filter(TraceRef.class::isInstance).map(TraceRef.class::cast).toList();
  }

  private Stream<Block> blocks() {
    return sections.stream().flatMap(s -> s.blocks().stream());
  }

  private static void requireUniqueChartIds(List<Section> sections) {
    Set<String> seen = new HashSet<>();
    sections.stream().flatMap(s -> s.blocks().stream()).filter(Chart.class::isInstance)
        .map(b -> ((Chart) b).id())
        .forEach(id -> {
          if (!seen.add(id)) {
            throw new IllegalArgumentException("two charts share the id " + id + "; ids name the chart files");
          }
        });
  }
}

package org.hourglass.reports;

/** What a {@link Chart} draws, and so which of its fields carry the data (see REPORT-FORMAT.md). */
public enum ChartKind {
  /** Bars side by side: one group per category, one bar per series. */
  BAR,
  /** Bars stacked: one bar per category, one segment per series (for example a step-time breakdown). */
  STACKED_BAR,
  /** Lines over numeric x values, one per series, with optional marked points (for example a published figure). */
  LINE,
  /** A matrix of values as colours: categories are the columns, each series is a row (for example all-to-all bytes). */
  HEATMAP,
  /** Spans on rows over time (for example a pipeline schedule as it ran): categories are the rows. */
  TIMELINE
}

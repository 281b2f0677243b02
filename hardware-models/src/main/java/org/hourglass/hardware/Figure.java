package org.hourglass.hardware;

/**
 * One number with where it comes from: a datasheet, a paper or first principles. Every built-in figure
 * carries its source so a reader can check it.
 *
 * @param value the figure in the unit its field name states
 * @param source the datasheet, paper or derivation it traces to
 */
public record Figure(double value, String source) {
  /** The value as a whole number, for counts and byte sizes. */
  public long asLong() {
    return Math.round(value);
  }
}

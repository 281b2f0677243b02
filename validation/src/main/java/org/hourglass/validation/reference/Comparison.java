package org.hourglass.validation.reference;

/**
 * One published figure beside what Hourglass predicts for it. A pending comparison has no prediction
 * yet (the module that will make it is named in {@code status}); nothing is faked in its place.
 *
 * @param name what is compared, e.g. "DualPipe bubble, PP=8, F&B=3"
 * @param table the published table it belongs to
 * @param predicted Hourglass's figure, or null while pending
 * @param published the published figure, or null where the table is not transcribed yet
 * @param unit the unit of both
 * @param source where the published figure comes from
 * @param status {@code ok} or {@code pending: <module>}
 */
public record Comparison(String name, String table, Double predicted, Double published, String unit, String source, String status) {
  /** Status of a comparison that ran. */
  public static final String OK = "ok";

  /** A comparison that ran. */
  public static Comparison of(String name, String table, double predicted, double published, String unit, String source) {
    return new Comparison(name, table, predicted, published, unit, source, OK);
  }

  /** A table that waits for a module. */
  public static Comparison pending(String table, String module, String source) {
    return new Comparison(table, table, null, null, null, source, "pending: " + module);
  }

  /** (predicted - published) / published x 100, or null while pending. */
  public Double errorPercent() {
    if (predicted == null || published == null) {
      return null;
    }
    return 100 * (predicted - published) / published;
  }
}

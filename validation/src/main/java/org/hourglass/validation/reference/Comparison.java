package org.hourglass.validation.reference;

/**
 * One published figure beside what Hourglass predicts for it. A pending comparison has no prediction
 * yet (the module that will make it is named in {@code status}); nothing is faked in its place.
 *
 * @param name what is compared, e.g. "DualPipe bubble, PP=8, F&B=3"
 * @param table the published table it belongs to
 * @param predicted Hourglass's figure, or null while pending or skipped
 * @param published the published figure, or null where the table is not transcribed yet
 * @param unit the unit of both
 * @param source where the published figure comes from
 * @param status {@code ok}, {@code pending: <module>} or {@code skipped: <why>}
 * @param fit for a model calibrated on the same table: {@link #FITTED} when the row was one the fit saw,
 *     {@link #HELD_OUT} when it was predicted without it; null where nothing was fitted on the table
 */
public record Comparison(String name, String table, Double predicted, Double published, String unit, String source, String status,
    String fit) {
  /** Status of a comparison that ran. */
  public static final String OK = "ok";
  /** The row was among those the model's constants were fitted on: an in-sample figure, not a check. */
  public static final String FITTED = "fitted";
  /** The row was predicted by a model that never saw it. */
  public static final String HELD_OUT = "held-out";

  /** A comparison that ran. */
  public static Comparison of(String name, String table, double predicted, double published, String unit, String source) {
    return new Comparison(name, table, predicted, published, unit, source, OK, null);
  }

  /** A table that waits for a module. */
  public static Comparison pending(String table, String module, String source) {
    return new Comparison(table, table, null, null, null, source, "pending: " + module, null);
  }

  /** A table left out of this run, saying why. */
  public static Comparison skipped(String table, String why, String source) {
    return new Comparison(table, table, null, null, null, source, "skipped: " + why, null);
  }

  /** This comparison marked {@link #FITTED} or {@link #HELD_OUT}. */
  public Comparison withFit(String fitRole) {
    return new Comparison(name, table, predicted, published, unit, source, status, fitRole);
  }

  /** (predicted - published) / published x 100, or null while pending. */
  public Double errorPercent() {
    if (predicted == null || published == null) {
      return null;
    }
    return 100 * (predicted - published) / published;
  }
}

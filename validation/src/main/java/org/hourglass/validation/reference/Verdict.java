package org.hourglass.validation.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hourglass.hardware.SpecNode;

/**
 * Whether each comparison falls inside its table's tolerance ({@code tolerances.yaml}: a percentage
 * and why, with per-row exceptions), and the count of passes and failures. Fitted rows, pending and
 * skipped comparisons are not judged.
 */
public final class Verdict {
  static final String RESOURCE = "/org/hourglass/validation/reference/tolerances.yaml";

  /** A tolerance: the largest |error| that passes, or none where the row is not judged, and why. */
  public record Tolerance(Double percent, String why) {}

  /** One comparison judged: pass, fail or not judged, against its tolerance. */
  public record Judged(Comparison comparison, Tolerance tolerance, Outcome outcome) {}

  public enum Outcome { PASS, FAIL, NOT_JUDGED }

  private final List<Judged> judged;

  private Verdict(List<Judged> judged) {
    this.judged = List.copyOf(judged);
  }

  /** Judges every comparison against the tolerances shipped with the tool. */
  public static Verdict of(List<Comparison> all) {
    SpecNode tables = tolerances();
    List<Judged> out = new ArrayList<>();
    for (Comparison c : all) {
      Tolerance t = toleranceOf(tables, c);
      out.add(new Judged(c, t, outcome(c, t)));
    }
    return new Verdict(out);
  }

  private static Outcome outcome(Comparison c, Tolerance t) {
    if (c.errorPercent() == null || Comparison.FITTED.equals(c.fit()) || t.percent() == null) {
      return Outcome.NOT_JUDGED;
    }
    return Math.abs(c.errorPercent()) <= t.percent() ? Outcome.PASS : Outcome.FAIL;
  }

  private static Tolerance toleranceOf(SpecNode root, Comparison c) {
    for (SpecNode table : root.children("tables")) {
      if (!table.text("table").equals(c.table())) {
        continue;
      }
      if (table.has("exceptions")) {
        for (SpecNode e : table.children("exceptions")) {
          if (c.name().contains(e.text("case"))) {
            return e.has("notJudged") ? new Tolerance(null, e.text("notJudged"))
                : new Tolerance(e.positive("tolerancePercent"), e.text("why"));
          }
        }
      }
      return new Tolerance(table.positive("tolerancePercent"), table.text("why"));
    }
    return new Tolerance(null, "no tolerance stated for this table");
  }

  private static SpecNode tolerances() {
    try (InputStream in = Verdict.class.getResourceAsStream(RESOURCE)) {
      return SpecNode.parse(in, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every comparison with its outcome, in order. */
  public List<Judged> judged() {
    return judged;
  }

  public long count(Outcome outcome) {
    return judged.stream().filter(j -> j.outcome() == outcome).count();
  }

  /** The tolerance a comparison was judged by. */
  public Optional<Judged> of(Comparison c) {
    return judged.stream().filter(j -> j.comparison() == c).findFirst();
  }

  /** Tables that have a comparison but no stated tolerance (a defect of the data, checked by a test). */
  public List<String> tablesWithoutTolerance() {
    return judged.stream().filter(j -> j.tolerance().percent() == null && j.tolerance().why().startsWith("no tolerance"))
        .map(j -> j.comparison().table()).distinct().toList();
  }
}

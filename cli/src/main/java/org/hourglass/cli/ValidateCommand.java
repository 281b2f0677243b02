package org.hourglass.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hourglass.validation.reference.Comparison;
import org.hourglass.validation.reference.ValidationSuite;
import org.hourglass.validation.reference.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass validate}: every published figure Hourglass is checked against, with the prediction
 * and the error, and whether the row was one a fit saw (fitted) or not (held-out); tables whose models
 * are not written yet are listed as pending, and {@code --quick} skips the whole-run GPU-hour plan.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Compare Hourglass's predictions with published figures: DeepSeek-V3 GPU-hours, DualPipe bubbles, DeepEP bandwidths, DeepGEMM TFLOPS (in-sample and held-out), KV cache, FLOPs per token, parameters.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--quick", description = "Skip the DeepSeek-V3 GPU-hour table (it plans a whole training run, about 15 s).")
  boolean quick;

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

  @Option(names = "--strict", description = "Exit with code 4 when any judged comparison falls outside its tolerance.")
  boolean strict;

  /** Exit code of {@code --strict} when a comparison falls outside its tolerance. */
  static final int EXIT_OUT_OF_TOLERANCE = 4;

  @Override
  public Integer call() {
    List<Comparison> all;
    try (ProgressBar bar = new ProgressBar("validate", ValidationSuite.cases(quick).size(), quiet)) {
      all = ValidationSuite.run(quick, bar);
    }
    Verdict verdict = Verdict.of(all);
    if (json) {
      Map<String, Object> r = report(all);
      r.put("verdict", verdictJson(verdict));
      Units.printJson(spec.commandLine().getOut(), r);
    } else {
      printText(spec.commandLine().getOut(), all);
      printVerdict(spec.commandLine().getOut(), verdict);
    }
    return exitCode(verdict, strict);
  }

  /** 0, or {@link #EXIT_OUT_OF_TOLERANCE} under {@code --strict} when a judged comparison fails. */
  static int exitCode(Verdict verdict, boolean strict) {
    return strict && verdict.count(Verdict.Outcome.FAIL) > 0 ? EXIT_OUT_OF_TOLERANCE : 0;
  }

  private static Map<String, Object> verdictJson(Verdict verdict) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("pass", verdict.count(Verdict.Outcome.PASS));
    v.put("fail", verdict.count(Verdict.Outcome.FAIL));
    v.put("notJudged", verdict.count(Verdict.Outcome.NOT_JUDGED));
    List<Map<String, Object>> failures = new ArrayList<>();
    for (Verdict.Judged j : verdict.judged()) {
      if (j.outcome() == Verdict.Outcome.FAIL) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("case", j.comparison().name());
        f.put("table", j.comparison().table());
        f.put("errorPercent", j.comparison().errorPercent());
        f.put("tolerancePercent", j.tolerance().percent());
        f.put("why", j.tolerance().why());
        failures.add(f);
      }
    }
    v.put("failures", failures);
    return v;
  }

  /** The verdict: each table's tolerance and why, the pass and fail counts, every failure by name. */
  static void printVerdict(PrintWriter out, Verdict verdict) {
    out.printf("%nVerdict: %d pass, %d outside their tolerance, %d not judged (fitted rows, pending, skipped)%n",
        verdict.count(Verdict.Outcome.PASS), verdict.count(Verdict.Outcome.FAIL), verdict.count(Verdict.Outcome.NOT_JUDGED));
    Map<String, Verdict.Tolerance> byTable = new LinkedHashMap<>();
    verdict.judged().stream().filter(j -> j.tolerance().percent() != null)
        .forEach(j -> byTable.putIfAbsent(j.comparison().table(), j.tolerance()));
    byTable.forEach((table, t) -> out.printf("  tolerance %s: %.1f%% (%s)%n", table, t.percent(), t.why()));
    for (Verdict.Judged j : verdict.judged()) {
      if (j.outcome() == Verdict.Outcome.FAIL) {
        out.printf("  outside: %s: %+.1f%% against %.1f%%%n", j.comparison().name(), j.comparison().errorPercent(),
            j.tolerance().percent());
      }
    }
    verdict.judged().stream().filter(j -> j.outcome() == Verdict.Outcome.PASS
        && !byTable.get(j.comparison().table()).equals(j.tolerance()))
        .forEach(j -> out.printf("  within its own tolerance: %s: %+.1f%% against %.1f%%, because %s%n", j.comparison().name(),
            j.comparison().errorPercent(), j.tolerance().percent(), j.tolerance().why()));
  }

  private static Map<String, Object> report(List<Comparison> all) {
    List<Map<String, Object>> cases = new ArrayList<>();
    for (Comparison c : all) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("case", c.name());
      m.put("table", c.table());
      m.put("predicted", c.predicted());
      m.put("published", c.published());
      m.put("errorPercent", c.errorPercent());
      m.put("unit", c.unit());
      if (c.fit() != null) {
        m.put("fit", c.fit());
      }
      m.put("status", c.status());
      m.put("source", c.source());
      cases.add(m);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("cases", cases);
    r.put("checked", all.stream().filter(c -> c.errorPercent() != null).count());
    r.put("heldOut", all.stream().filter(c -> Comparison.HELD_OUT.equals(c.fit())).count());
    r.put("pending", all.stream().filter(c -> c.status().startsWith("pending: ")).count());
    r.put("skipped", all.stream().filter(c -> c.status().startsWith("skipped: ")).count());
    return r;
  }

  private static String number(double v) {
    return Math.abs(v) >= 1000 ? String.format("%,.0f", v) : String.format("%.4g", v);
  }

  static void printText(PrintWriter out, List<Comparison> all) {
    Map<String, List<Comparison>> byTable = new LinkedHashMap<>();
    all.forEach(c -> byTable.computeIfAbsent(c.table(), t -> new ArrayList<>()).add(c));
    byTable.forEach((table, rows) -> {
      boolean oneSource = rows.stream().map(Comparison::source).distinct().count() == 1;
      out.printf("%s  [%s]%n", table, oneSource ? rows.get(0).source() : "one source per row");
      rows.forEach(c -> {
        printRow(out, c);
        if (!oneSource) {
          out.printf("      source: %s%n", c.source());
        }
      });
      meanAbsError(out, rows, Comparison.FITTED);
      meanAbsError(out, rows, Comparison.HELD_OUT);
    });
  }

  private static void printRow(PrintWriter out, Comparison c) {
    if (c.errorPercent() == null) {
      out.printf("  %s%n", c.name().equals(c.table()) ? c.status() : c.name() + ": " + c.status());
    } else {
      out.printf("  %-78s predicted %12s  published %12s %-10s error %+7.2f%%  %s%n", c.name(), number(c.predicted()),
          number(c.published()), c.unit(), c.errorPercent(), c.fit() == null ? "" : c.fit());
    }
  }

  /** Mean |error| of a table's rows with {@code fit}, where it has more than one. */
  private static void meanAbsError(PrintWriter out, List<Comparison> rows, String fit) {
    List<Comparison> marked = rows.stream().filter(c -> fit.equals(c.fit()) && c.errorPercent() != null).toList();
    if (marked.size() > 1) {
      double mean = marked.stream().mapToDouble(c -> Math.abs(c.errorPercent())).average().orElseThrow();
      out.printf("  mean |error| of the %d %s rows: %.2f%%%n", marked.size(), fit, mean);
    }
  }
}

package org.hourglass.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hourglass.validation.reference.Comparison;
import org.hourglass.validation.reference.ValidationSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass validate}: every published figure Hourglass is checked against, with the prediction
 * and the error; tables whose models are not written yet are listed as pending.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Compare Hourglass's predictions with published figures (DualPipe, KV cache, FLOPs, parameters; others pending).")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    List<Comparison> all = ValidationSuite.run();
    if (json) {
      Units.printJson(spec.commandLine().getOut(), report(all));
    } else {
      printText(spec.commandLine().getOut(), all);
    }
    return 0;
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
      m.put("status", c.status());
      m.put("source", c.source());
      cases.add(m);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("cases", cases);
    r.put("checked", all.stream().filter(c -> c.errorPercent() != null).count());
    r.put("pending", all.stream().filter(c -> c.errorPercent() == null).count());
    return r;
  }

  private static String number(double v) {
    return Math.abs(v) >= 1000 ? String.format("%,.0f", v) : String.format("%.4g", v);
  }

  private static void printText(PrintWriter out, List<Comparison> all) {
    String table = "";
    for (Comparison c : all) {
      if (!c.table().equals(table)) {
        table = c.table();
        out.printf("%s  [%s]%n", table, c.source());
      }
      if (c.errorPercent() == null) {
        out.printf("  %s%n", c.status());
      } else {
        out.printf("  %-78s predicted %12s  published %12s %-12s error %+7.2f%%%n", c.name(), number(c.predicted()), number(c.published()),
            c.unit(), c.errorPercent());
      }
    }
  }
}

package org.hourglass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.hourglass.validation.reference.Comparison;
import org.junit.jupiter.api.Test;

class ValidateTextTest {
  private static String text(List<Comparison> rows) {
    StringWriter s = new StringWriter();
    ValidateCommand.printText(new PrintWriter(s), rows);
    return s.toString();
  }

  @Test
  void aTableOfOneSourceNamesItOnceAndATableOfManyNamesEachUnderItsRow() {
    String one = text(List.of(Comparison.of("a", "T", 1, 1, "u", "paper X"), Comparison.of("b", "T", 2, 1, "u", "paper X")));
    assertTrue(one.startsWith("T  [paper X]"), one);
    assertEquals(0, one.lines().filter(l -> l.contains("source:")).count(), one);
    String many = text(List.of(Comparison.of("a", "T", 1, 1, "u", "paper X"), Comparison.of("b", "T", 2, 1, "u", "paper Y")));
    assertTrue(many.startsWith("T  [one source per row]"), many);
    List<String> lines = many.lines().toList();
    assertTrue(lines.get(1).startsWith("  a ") && lines.get(2).equals("      source: paper X"), many);
    assertTrue(lines.get(3).startsWith("  b ") && lines.get(4).equals("      source: paper Y"), many);
  }
}

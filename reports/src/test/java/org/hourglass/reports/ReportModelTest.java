package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hourglass.reports.Chart.Axis;
import org.hourglass.reports.Chart.Series;
import org.hourglass.reports.Chart.TimelineSpan;
import org.junit.jupiter.api.Test;

class ReportModelTest {
  private static final Axis A = new Axis("a", "");

  @Test
  void inputsKeepTheirOrderAndHashTheScenario() {
    Inputs inputs = SampleReports.inputs();
    assertEquals(List.of("model", "cluster", "plan", "calibration profile", "calibration sources", "simulator version", "seed"),
        inputs.values().stream().map(Inputs.Input::label).toList());
    assertEquals("42", inputs.value("seed").orElseThrow());
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Inputs.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)), "FIPS 180-2 test vector");
    assertThrows(IllegalArgumentException.class, () -> new Inputs("s", "ABC", List.of()));
  }

  @Test
  void numbersStayNumbersAndColumnsFormatThem() {
    Table.Column gpuHours = Table.Column.number("GPU-hours", "GPU h", "#,##0.0");
    assertEquals("2,788,000.0", gpuHours.display(Cell.of(2_788_000)));
    assertEquals("GPU-hours [GPU h]", gpuHours.header());
    assertEquals("", gpuHours.display(Cell.EMPTY));
    assertTrue(Cell.from(3).isNumber());
    assertEquals("x", Cell.from("x").text());
    assertThrows(IllegalArgumentException.class, () -> Cell.of(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Table.Column.number("n", "", "0.0.0"));
  }

  @Test
  void aRowMustFillEveryColumn() {
    Table.Builder table = Table.builder("t").textColumn("a").numberColumn("b", "s", "0.0").row("only one");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, table::build);
    assertTrue(e.getMessage().contains("row 0 has 1 cells for 2 columns"), e.getMessage());
  }

  @Test
  void chartDataMustMatchItsKind() {
    assertThrows(IllegalArgumentException.class,
        () -> Chart.bar("b", "t", A, A, List.of("x", "y"), List.of(Series.of("s", 1))));
    assertThrows(IllegalArgumentException.class,
        () -> Chart.line("l", "t", A, A, List.of(1.0), List.of(Series.of("s", 1), Series.of("s", 2))));
    assertThrows(IllegalArgumentException.class,
        () -> Chart.timeline("t", "t", A, A, List.of("r0"), List.of(new TimelineSpan("r1", 0, 1, "x", "F"))));
    assertThrows(IllegalArgumentException.class, () -> new TimelineSpan("r", 2, 1, "x", "F"));
    assertThrows(IllegalArgumentException.class,
        () -> Chart.bar("Not An Id", "t", A, A, List.of("x"), List.of(Series.of("s", 1))));
    assertThrows(IllegalArgumentException.class, () -> Series.of("s", Double.POSITIVE_INFINITY));
  }

  @Test
  void chartIdsAreUniqueBecauseTheyNameFiles() {
    Chart chart = Chart.bar("same", "t", A, A, List.of("x"), List.of(Series.of("s", 1)));
    Section section = Section.builder("s").block(chart).block(chart).build();
    assertThrows(IllegalArgumentException.class, () -> new Report("r", SampleReports.inputs(), List.of(section)));
  }

  @Test
  void theSampleHasEveryChartKindAndATrace() {
    Report report = SampleReports.full();
    assertEquals(List.of(ChartKind.values()).stream().sorted().toList(),
        report.charts().stream().map(Chart::kind).distinct().sorted().toList());
    assertEquals("trace.json", report.traces().get(0).file());
  }
}

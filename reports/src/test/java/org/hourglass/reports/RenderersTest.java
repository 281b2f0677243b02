package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderersTest {
  private final Report report = SampleReports.full();

  @Test
  void jsonRoundTripsAndKeepsNumbersAsNumbers() throws Exception {
    String json = JsonRenderer.render(report);
    assertEquals(report, JsonRenderer.read(json));
    JsonNode tree = new ObjectMapper().readTree(json);
    assertEquals(Report.FORMAT_VERSION, tree.get("formatVersion").asInt());
    JsonNode table = tree.at("/sections/0/blocks/1");
    assertEquals("table", table.get("type").asText());
    assertTrue(table.at("/rows/0/1").isNumber(), "GPU-hours stay a JSON number");
    assertEquals(2_664_000, table.at("/rows/0/1").asDouble());
    assertTrue(table.at("/rows/3/2").isNull(), "an empty cell is null");
    assertEquals("#,##0", table.at("/columns/1/format").asText());
    assertEquals("chart", tree.at("/sections/0/blocks/3/type").asText());
    assertEquals(2.788, tree.at("/sections/0/blocks/3/markers/0/y").asDouble());
  }

  @Test
  void jsonFieldNamesAreTheDocumentedOnes() throws Exception {
    JsonNode tree = new ObjectMapper().readTree(JsonRenderer.render(report));
    assertEquals(List.of("title", "inputs", "sections", "formatVersion"), names(tree));
    assertEquals(List.of("scenario", "scenarioSha256", "values"), names(tree.get("inputs")));
    assertEquals(List.of("type", "id", "kind", "title", "x", "y", "categories", "xValues", "series", "markers", "spans"),
        names(tree.at("/sections/0/blocks/2")));
    assertEquals(List.of("type", "file", "description"), names(tree.at("/sections/1/blocks/2")));
  }

  @Test
  void unknownFieldsAreIgnoredOnReading() throws Exception {
    String json = JsonRenderer.render(report).replaceFirst("\\{", "{\"addedLater\": 1,");
    assertEquals(report.title(), JsonRenderer.read(json).title());
  }

  @Test
  void textAlignsNumbersRightAndTabulatesChartData() {
    String text = TextRenderer.render(report);
    List<String> lines = text.lines().toList();
    String pre = lines.stream().filter(l -> l.startsWith("  pre-training ")).findFirst().orElseThrow();
    String post = lines.stream().filter(l -> l.startsWith("  post-training | SFT+RL")).findFirst().orElseThrow();
    assertEquals(pre.indexOf("2,664,000") + "2,664,000".length(), post.indexOf("5,000") + "5,000".length(),
        "numbers end in the same column");
    assertTrue(text.lines().anyMatch(l -> l.matches("  scenario sha256 +" + report.inputs().scenarioSha256())), text);
    assertTrue(text.contains("marked: DeepSeek published: GPUs = 2,048, GPU-hours = 2.788 M GPU h"), text);
    assertTrue(text.contains("timeline of 32 spans on 4 rows"), text);
    assertTrue(text.lines().anyMatch(l -> l.matches("  gpu0 +0 +4\\.1 +4\\.2 .*")), "the 8x8 heat map is tabulated");
  }

  @Test
  void wrappingKeepsLinesShort() {
    String text = TextRenderer.wrap("word ".repeat(100));
    assertTrue(text.lines().allMatch(l -> l.length() <= 100));
    assertEquals(100, text.split("\\s+").length);
  }

  @Test
  void markdownHasPipeTablesChartImagesAndEscapes() {
    String md = MarkdownRenderer.render(report);
    assertTrue(md.contains("| phase | GPU-hours \\[GPU h\\] | cost \\[USD\\] |\n|:---|---:|---:|\n"), md);
    assertTrue(md.contains("| post-training \\| SFT+RL | 5,000 | 10,000 |"), md);
    assertTrue(md.contains("| total | 2,788,000 |  |"), md);
    assertTrue(md.contains("[![GPU-hours per phase](charts/cost-per-phase.png)](charts/cost-per-phase.svg)"), md);
    assertTrue(md.contains("## Cost \\<&\\> \"phases\""), md);
    assertTrue(md.contains("Trace: [trace.json](trace.json)"), md);
    assertFalse(md.contains("\\|\\|"));
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

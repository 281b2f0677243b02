package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartImagesTest {
  @TempDir Path dir;

  @Test
  void everyChartKindIsWrittenAsADecodablePngAndAnSvg() throws Exception {
    for (Chart chart : SampleReports.full().charts()) {
      Path png = dir.resolve(chart.id() + ".png");
      Path svg = dir.resolve(chart.id() + ".svg");
      ChartImages.writePng(chart, png);
      ChartImages.writeSvg(chart, svg);
      BufferedImage image = ImageIO.read(png.toFile());
      assertEquals(ChartImages.WIDTH, image.getWidth(), chart.id());
      assertEquals(ChartImages.height(chart), image.getHeight(), chart.id());
      assertTrue(colours(image) > 8, chart.id() + " is not blank");
      Document doc = parse(Files.readString(svg));
      assertEquals("svg", doc.getDocumentElement().getLocalName(), chart.id());
      assertTrue(doc.getElementsByTagNameNS("*", "text").getLength() > 0, chart.id() + " has its title and labels as text");
    }
  }

  @Test
  void theSvgCarriesTheChartTextAndInlineIdsArePrefixed() throws Exception {
    Chart sweep = SampleReports.full().charts().stream().filter(c -> c.kind() == ChartKind.LINE).findFirst().orElseThrow();
    String element = ChartImages.svgElement(sweep);
    assertTrue(element.startsWith("<svg"), element.substring(0, 40));
    assertTrue(element.contains("DeepSeek published"), element.substring(element.indexOf("DeepSeek") - 200, element.indexOf("DeepSeek") + 100));
    assertTrue(element.contains("id='chart-sweep-gpus'") && element.contains("viewBox="), element.substring(0, 400));
    assertTrue(element.contains("sweep-gpus-"), "defs ids carry the chart id so inlined charts do not clash");
    parse(element);
  }

  @Test
  void theHbmLineIsInsideTheMemoryChartEvenAboveEveryBar() throws Exception {
    Chart memory = SampleReports.memory().blocks().stream().map(Chart.class::cast).findFirst().orElseThrow();
    Path png = dir.resolve("m.png");
    ChartImages.writePng(memory, png);
    BufferedImage image = ImageIO.read(png.toFile());
    int red = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        red += (image.getRGB(x, y) & 0xFFFFFF) == (ChartStyle.MARKER.getRGB() & 0xFFFFFF) ? 1 : 0;
      }
    }
    assertTrue(red > 300, "the dashed capacity line is drawn: " + red + " pixels");
  }

  @Test
  void heatMapColoursGrowWithTheValue() {
    HeatMaps.Scale scale = new HeatMaps.Scale(10);
    assertEquals(java.awt.Color.WHITE, scale.getPaint(0));
    List<Integer> brightness = List.of(0.0, 2.5, 5.0, 7.5, 10.0).stream()
        .map(v -> (java.awt.Color) scale.getPaint(v)).map(c -> c.getRed() + c.getGreen() + c.getBlue()).toList();
    for (int i = 1; i < brightness.size(); i++) {
      assertTrue(brightness.get(i) < brightness.get(i - 1), "darker as the value grows: " + brightness);
    }
  }

  @Test
  void timelineTicksAreRoundNumbers() {
    assertEquals(2.0, TimelineDrawing.tickStep(17));
    assertEquals(0.5, TimelineDrawing.tickStep(4.2), 1e-12);
    assertEquals(1000.0, TimelineDrawing.tickStep(9_999));
  }

  static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}

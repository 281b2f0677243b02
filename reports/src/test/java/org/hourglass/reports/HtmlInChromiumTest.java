package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the written HTML report in headless Chromium (Debian's {@code chromium}; .ci/run installs
 * it) and checks the screenshot shows the page: not blank, with the charts' colours drawn. Skipped,
 * visibly, where no Chromium is installed.
 */
class HtmlInChromiumTest {
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 1600;
  @TempDir Path dir;

  @Test
  void theReportRendersInHeadlessChromium() throws Exception {
    Optional<Path> chromium = chromium();
    assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium); skipping the browser check");
    ReportWriter.write(SampleReports.full(), dir.resolve("report"), ReportWriterTest.stepSpans());
    Path shot = dir.resolve("shot.png");
    int exit = screenshot(chromium.get(), dir.resolve("report/report.html"), shot);
    assertEquals(0, exit, "chromium exit status; its output is in " + dir.resolve("chromium.log"));
    BufferedImage image = ImageIO.read(shot.toFile());
    assertEquals(WIDTH, image.getWidth());
    assertEquals(HEIGHT, image.getHeight());
    Pixels pixels = Pixels.count(image, ChartStyle.series(0).getRGB());
    assertTrue(pixels.distinctColours() > 64, "text and charts, not a blank page: " + pixels);
    assertTrue(pixels.nonWhiteShare() > 0.03 && pixels.nonWhiteShare() < 0.9, "ink on paper: " + pixels);
    assertTrue(pixels.matching() > 5_000, "the first chart's bars (inline SVG) are drawn: " + pixels);
  }

  private int screenshot(Path chromium, Path html, Path png) throws Exception {
    List<String> command = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT,
        html.toUri().toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium took over 60 s to take a screenshot");
    }
    return process.exitValue();
  }

  private static Optional<Path> chromium() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .flatMap(d -> Stream.of(Path.of(d, "chromium"), Path.of(d, "chromium-browser")))
        .filter(Files::isExecutable).findFirst();
  }

  /** What a screenshot holds: distinct colours, the share of pixels that are not white, pixels of one colour. */
  record Pixels(int distinctColours, double nonWhiteShare, int matching) {
    static Pixels count(BufferedImage image, int rgb) {
      java.util.Set<Integer> colours = new java.util.HashSet<>();
      long nonWhite = 0;
      int matching = 0;
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          int pixel = image.getRGB(x, y) & 0xFFFFFF;
          colours.add(pixel);
          nonWhite += pixel == 0xFFFFFF ? 0 : 1;
          matching += pixel == (rgb & 0xFFFFFF) ? 1 : 0;
        }
      }
      return new Pixels(colours.size(), nonWhite / (double) (image.getWidth() * image.getHeight()), matching);
    }
  }
}

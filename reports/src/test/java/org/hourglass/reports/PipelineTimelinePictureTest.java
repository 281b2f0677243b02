package org.hourglass.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.hourglass.dualpipe.DualPipeSchedule;
import org.hourglass.dualpipe.Durations;
import org.hourglass.dualpipe.Execution;
import org.hourglass.dualpipe.OneFOneBSchedule;
import org.hourglass.dualpipe.ScheduleExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTimelinePictureTest {
  @TempDir Path dir;

  @Test
  void drawsOneRowPerRankWithIdleAndBusyCells() throws Exception {
    Execution run = ScheduleExecutor.run(DualPipeSchedule.generate(8, 20), Durations.ofUnits(1, 2, 1, 3, 0));
    Path png = dir.resolve("t.png");
    PipelineTimelinePicture.writePng(run, png, 1200);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1200, image.getWidth());
    int row = 50 + 7 * 34 + 17;
    int idle = 0;
    int forward = 0;
    int weight = 0;
    for (int x = 90; x < 1200 - 20; x++) {
      int rgb = image.getRGB(x, row) & 0xFFFFFF;
      idle += rgb == 0xF3F3F3 ? 1 : 0;
      forward += rgb == 0xF6B26B ? 1 : 0;
      weight += rgb == 0x6FA8DC ? 1 : 0;
    }
    assertTrue(idle > 0, "rank 7 has a bubble");
    assertTrue(forward > 0, "rank 7 has forward cells");
    assertTrue(weight > 0, "rank 7 has W cells");
  }

  @Test
  void comparisonChartIsWritten() throws Exception {
    Execution run = ScheduleExecutor.run(OneFOneBSchedule.generate(4, 8), Durations.ofUnits(1, 2, 1, 3, 0));
    Path png = dir.resolve("c.png");
    ScheduleComparisonChart.writePng(List.of(run), png, 640, 480);
    assertEquals(480, ImageIO.read(png.toFile()).getHeight());
  }
}

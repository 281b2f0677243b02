package org.hourglass.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.hourglass.dualpipe.Durations;
import org.hourglass.dualpipe.Execution;
import org.hourglass.dualpipe.Op;
import org.hourglass.dualpipe.Pass;
import org.hourglass.dualpipe.Task;
import org.hourglass.dualpipe.TimedOp;

/**
 * Draws a pipeline schedule as it ran, in the style of the DualPipe README figure: one row per
 * rank, one cell per op placed at its start and end time, coloured by kind (forward, backward,
 * B*, W; the two directions or chunks in two shades) and labelled with its micro-batch; an
 * overlapped F&amp;B pair is a cell split into its forward (top) and backward (bottom) halves.
 * Plain Java2D on a headless image.
 */
public final class PipelineTimelinePicture {
  private static final int LEFT = 90;
  private static final int TOP = 50;
  private static final int ROW = 34;
  private static final int BOTTOM = 70;
  private static final int RIGHT = 20;
  private static final Color[] FORWARD = {new Color(0xF6B26B), new Color(0xE69138)};
  private static final Color[] BACKWARD = {new Color(0x93C47D), new Color(0x6AA84F)};
  private static final Color WEIGHT = new Color(0x6FA8DC);
  private static final Color IDLE = new Color(0xF3F3F3);

  private final Execution run;
  private final int width;
  private final double pxPerPs;

  private PipelineTimelinePicture(Execution run, int width) {
    this.run = run;
    this.width = width;
    this.pxPerPs = (width - LEFT - RIGHT) / (double) Math.max(1, run.makespanPs());
  }

  /** Writes the timeline of {@code run} as a PNG, about {@code width} pixels wide. */
  public static void writePng(Execution run, Path file, int width) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new PipelineTimelinePicture(run, width).draw();
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }

  private BufferedImage draw() {
    int ranks = run.schedule().ranks();
    int height = TOP + ranks * ROW + BOTTOM;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    title(g);
    for (int r = 0; r < ranks; r++) {
      row(g, r, run.timelines().get(r));
    }
    legend(g, TOP + ranks * ROW + 30);
    g.dispose();
    return image;
  }

  private void title(Graphics2D g) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    String text = String.format("%s  %d ranks, %d micro-batches   makespan %.2f   max bubble %.2f   peak activations %d",
        run.schedule().kind().displayName(), run.schedule().ranks(), run.schedule().microBatches(),
        Durations.toUnits(run.makespanPs()), Durations.toUnits(run.maxBubblePs()), run.maxPeakActivations());
    g.drawString(text, LEFT, 30);
  }

  private void row(Graphics2D g, int rank, List<TimedOp> timeline) {
    int y = TOP + rank * ROW;
    g.setColor(IDLE);
    g.fillRect(LEFT, y + 2, width - LEFT - RIGHT, ROW - 4);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString("Device " + rank, 10, y + ROW / 2 + 5);
    for (TimedOp op : timeline) {
      cell(g, op, y + 2, ROW - 4);
    }
  }

  private void cell(Graphics2D g, TimedOp timed, int y, int h) {
    int x = LEFT + (int) Math.round(timed.startPs() * pxPerPs);
    int w = Math.max(1, (int) Math.round((timed.endPs() - timed.startPs()) * pxPerPs));
    Op op = timed.op();
    if (op.isOverlapped()) {
      fill(g, op.first(), x, y, w, h / 2);
      fill(g, op.second(), x, y + h / 2, w, h - h / 2);
      g.setStroke(new BasicStroke(2f));
    } else {
      fill(g, op.first(), x, y, w, h);
      g.setStroke(new BasicStroke(1f));
    }
    g.setColor(Color.DARK_GRAY);
    g.drawRect(x, y, w, h);
  }

  private void fill(Graphics2D g, Task task, int x, int y, int w, int h) {
    g.setColor(colour(task));
    g.fillRect(x, y, w, h);
    String id = Integer.toString(task.microBatch());
    int fontSize = Math.min(12, Math.max(7, h - 4));
    g.setFont(new Font(Font.SANS_SERIF, task.pass() == Pass.BACKWARD_INPUT ? Font.ITALIC : Font.PLAIN, fontSize));
    int textWidth = g.getFontMetrics().stringWidth(id);
    if (textWidth + 2 <= w) {
      g.setColor(Color.BLACK);
      g.drawString(id, x + (w - textWidth) / 2, y + (h + fontSize) / 2 - 1);
    }
  }

  private static Color colour(Task task) {
    int shade = Math.min(1, task.chunk());
    return switch (task.pass()) {
      case FORWARD -> FORWARD[shade];
      case BACKWARD -> BACKWARD[shade];
      case BACKWARD_INPUT -> BACKWARD[shade].brighter();
      case WEIGHT -> WEIGHT;
    };
  }

  private void legend(Graphics2D g, int y) {
    String[] names = {"F (chunk 0)", "F (chunk 1)", "B (chunk 0)", "B (chunk 1)", "B* (input grad)", "W (weight grad)", "F&B overlapped: F top, B bottom"};
    Color[] colours = {FORWARD[0], FORWARD[1], BACKWARD[0], BACKWARD[1], BACKWARD[0].brighter(), WEIGHT, Color.WHITE};
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int x = LEFT;
    for (int i = 0; i < names.length; i++) {
      g.setColor(colours[i]);
      g.fillRect(x, y, 18, 14);
      g.setColor(Color.DARK_GRAY);
      g.drawRect(x, y, 18, 14);
      g.drawString(names[i], x + 24, y + 12);
      x += 34 + g.getFontMetrics().stringWidth(names[i]);
    }
  }
}

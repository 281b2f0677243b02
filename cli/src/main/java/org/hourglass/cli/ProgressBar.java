package org.hourglass.cli;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * A one-line progress bar on standard error, drawn only on an interactive terminal and never in CI
 * (the CI variable set), so logs and scripts stay clean.
 */
final class ProgressBar implements IntConsumer {
  private static final int WIDTH = 30;
  private final String label;
  private final int total;
  private final PrintStream err;
  private final boolean shown;

  ProgressBar(String label, int total) {
    this.label = label;
    this.total = total;
    this.err = System.err;
    this.shown = System.console() != null && System.getenv("CI") == null;
  }

  @Override
  public synchronized void accept(int done) {
    if (!shown) {
      return;
    }
    int filled = total == 0 ? WIDTH : done * WIDTH / total;
    err.printf("\r%s [%s%s] %d/%d", label, "#".repeat(filled), " ".repeat(WIDTH - filled), done, total);
    if (done == total) {
      err.println();
    }
    err.flush();
  }
}

package org.hourglass.cli;

import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work on standard error, with the elapsed time and an ETA (the {@code progressbar}
 * library draws it), shown only on an interactive terminal: never under {@code --quiet}, never in CI
 * (the CI variable set), never when standard output is a pipe (JSON or CSV read by a script).
 */
final class ProgressBar implements IntConsumer, AutoCloseable {
  private final me.tongfei.progressbar.ProgressBar bar;

  ProgressBar(String label, int total) {
    this(label, total, false);
  }

  ProgressBar(String label, int total, boolean quiet) {
    this.bar = shown(quiet) ? new ProgressBarBuilder().setTaskName(label).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUpdateIntervalMillis(250).continuousUpdate().build() : null;
  }

  /** Whether a bar may be drawn: a terminal on both ends, not CI, not asked to be quiet. */
  static boolean shown(boolean quiet) {
    return !quiet && System.console() != null && System.getenv("CI") == null;
  }

  @Override
  public synchronized void accept(int done) {
    if (bar != null) {
      bar.stepTo(done);
      if (done >= bar.getMax()) {
        bar.close();
      }
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
    }
  }
}

package dev.kiln.cli;

import dev.kiln.client.jobs.ProgressListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a job's progress: a live bar on a terminal, one line per change otherwise (a log, a pipe),
 * nothing with {@code --json}.
 */
final class ProgressDisplay implements ProgressListener, AutoCloseable {

  /** The bar's line is at most this wide; on a wider terminal a full-width bar is hard to read. */
  private static final int MAX_WIDTH = 100;

  private final ProgressBar bar;
  private final PrintWriter lines;

  private ProgressDisplay(ProgressBar bar, PrintWriter lines) {
    this.bar = bar;
    this.lines = lines;
  }

  static ProgressDisplay forJob(String jobId, boolean quiet, PrintWriter err) {
    if (quiet) {
      return new ProgressDisplay(null, null);
    }
    if (System.console() == null) {
      return new ProgressDisplay(null, err);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(jobId)
            .setInitialMax(100)
            .setUnit("%", 1)
            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
            .setUpdateIntervalMillis(100)
            .setMaxRenderedLength(MAX_WIDTH)
            .continuousUpdate()
            .hideEta()
            .build();
    return new ProgressDisplay(bar, null);
  }

  @Override
  public void onProgress(int percentage, String step) {
    if (bar != null) {
      bar.stepTo(percentage);
      bar.setExtraMessage(" " + step);
    } else if (lines != null) {
      lines.printf("%3d%% %s%n", percentage, step);
      lines.flush();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}

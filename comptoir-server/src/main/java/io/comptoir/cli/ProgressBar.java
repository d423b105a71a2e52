package io.comptoir.cli;

import io.comptoir.ingest.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/** A one-line progress bar redrawn in place on stderr: {@code validate [##### ] 50%}. */
final class ProgressBar implements ProgressListener {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private String phase = "";
  private int percent = -1;
  private int lastLength;

  ProgressBar(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void progress(String newPhase, double fraction) {
    int newPercent = (int) Math.round(Math.max(0.0, Math.min(1.0, fraction)) * 100);
    if (newPhase.equals(phase) && newPercent == percent) {
      return;
    }
    phase = newPhase;
    percent = newPercent;
    int filled = percent * WIDTH / 100;
    String line =
        String.format(
            Locale.ROOT,
            "%-9s [%s%s] %3d%%",
            phase,
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            percent);
    // spaces wipe what a longer previous line left
    err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    err.flush();
    lastLength = line.length();
  }

  /** Ends the line, so that what follows starts on a fresh one. */
  synchronized void finish() {
    if (lastLength > 0) {
      err.println();
      err.flush();
      lastLength = 0;
    }
  }
}

package io.comptoir.contract;

/** What a governed export wrote, for the audit: rows and bytes. */
public record ExportSummary(long rows, long bytes) {
  public ExportSummary {
    if (rows < 0 || bytes < 0) {
      throw new IllegalArgumentException("rows and bytes must be >= 0");
    }
  }
}

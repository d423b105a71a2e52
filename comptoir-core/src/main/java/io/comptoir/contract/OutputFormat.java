package io.comptoir.contract;

import io.comptoir.common.ComptoirException;

/** Format of a governed export. */
public enum OutputFormat {
  /** RFC 4180 CSV with a header line, UTF-8, CRLF line ends; null is an empty field. */
  CSV,
  /** One JSON object per line, UTF-8. */
  JSONL,
  /** One Parquet file. */
  PARQUET;

  /** Parses {@code csv}, {@code jsonl} or {@code parquet}, case-insensitive. */
  public static OutputFormat parse(String text) {
    if (text != null) {
      for (OutputFormat format : values()) {
        if (format.name().equalsIgnoreCase(text.strip())) {
          return format;
        }
      }
    }
    String shown = text == null ? "" : text;
    if (shown.length() > 40) {
      shown = shown.substring(0, 40) + "...";
    }
    throw ComptoirException.invalidInput(
        "unknown format '%s' (expected csv, jsonl or parquet)", shown);
  }
}

package io.comptoir.engine;

import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.SourceFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the first record of a CSV file: the header, and the delimiter when not given. */
final class CsvHeader {
  private static final int MAX_HEADER_CHARS = 1 << 20;
  private static final char[] CANDIDATES = {',', ';', '\t', '|'};

  private CsvHeader() {}

  /** The first record as text, without its line break; empty when the file has no content. */
  static String firstRecord(Path source, char quote) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(SourceFiles.open(source), StandardCharsets.UTF_8), 1 << 16)) {
      StringBuilder record = new StringBuilder();
      boolean quoted = false;
      int c;
      while ((c = reader.read()) >= 0) {
        if (c == quote) {
          quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
          if (record.length() > 0) {
            break;
          }
          continue;
        }
        if (c == 0xFEFF && record.length() == 0) {
          continue;
        }
        record.append((char) c);
        if (record.length() > MAX_HEADER_CHARS) {
          throw ComptoirException.invalidInput(
              "the first line of %s is longer than %d characters: not a CSV header",
              source.getFileName(), MAX_HEADER_CHARS);
        }
      }
      return record.toString();
    } catch (IOException e) {
      throw ComptoirException.invalidInput(
          "cannot read %s: %s", source.getFileName(), e.getMessage());
    }
  }

  /** The candidate delimiter (',', ';', tab, '|') found most often outside quotes. */
  static char guessDelimiter(String firstRecord, char quote) {
    char best = ',';
    int bestCount = 0;
    for (char candidate : CANDIDATES) {
      int count = split(firstRecord, candidate, quote).size() - 1;
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  }

  static List<String> split(String record, char delimiter, char quote) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (c == quote) {
        if (quoted && i + 1 < record.length() && record.charAt(i + 1) == quote) {
          field.append(quote);
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == delimiter && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}

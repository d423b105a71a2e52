package io.comptoir.demo;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes rows as CSV or JSON lines with a fixed, locale-independent rendering of values, so that
 * the same rows always give the same bytes. Lines end with {@code \n}.
 */
final class TextTable implements AutoCloseable {
  static final DateTimeFormatter ISO_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

  private enum Kind {
    CSV,
    JSON_LINES
  }

  private final Kind kind;
  private final List<String> columns;
  private final char delimiter;
  private final char decimalSeparator;
  private final CharsetEncoder encoder;
  private final Writer writer;
  private final StringBuilder line = new StringBuilder(256);
  private long rows;

  private TextTable(
      Kind kind,
      Path target,
      List<String> columns,
      char delimiter,
      char decimalSeparator,
      Charset charset) {
    this.kind = kind;
    this.columns = List.copyOf(columns);
    this.delimiter = delimiter;
    this.decimalSeparator = decimalSeparator;
    this.encoder =
        charset
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      this.writer =
          new BufferedWriter(
              new OutputStreamWriter(Files.newOutputStream(target), charset.newEncoder()), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** A CSV file with a header line naming the columns. */
  static TextTable csv(
      Path target, List<String> columns, char delimiter, char decimalSeparator, Charset charset) {
    TextTable table =
        new TextTable(Kind.CSV, target, columns, delimiter, decimalSeparator, charset);
    table.writeHeader();
    return table;
  }

  /** A UTF-8 JSON lines file: one object per line, keys in column order. */
  static TextTable jsonLines(Path target, List<String> columns) {
    return new TextTable(
        Kind.JSON_LINES, target, columns, ',', '.', java.nio.charset.StandardCharsets.UTF_8);
  }

  private void writeHeader() {
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        line.append(delimiter);
      }
      line.append(columns.get(i));
    }
    flushLine();
  }

  /**
   * Writes one row. Values may be null, String, Long, Integer, Double (written with up to 6
   * decimals), BigDecimal, Boolean, LocalDate, LocalDateTime or {@link Formatted} (a date written
   * with a pattern).
   */
  void row(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "row has " + values.length + " values for " + columns.size() + " columns " + columns);
    }
    if (kind == Kind.CSV) {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          line.append(delimiter);
        }
        appendCsv(values[i]);
      }
    } else {
      line.append('{');
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          line.append(',');
        }
        appendJsonString(columns.get(i));
        line.append(':');
        appendJson(values[i]);
      }
      line.append('}');
    }
    flushLine();
    rows++;
  }

  long rows() {
    return rows;
  }

  private void appendCsv(Object value) {
    if (value == null) {
      return;
    }
    String text = encodable(render(value, decimalSeparator));
    boolean quote =
        text.indexOf(delimiter) >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    if (quote) {
      line.append('"').append(text.replace("\"", "\"\"")).append('"');
    } else {
      line.append(text);
    }
  }

  private void appendJson(Object value) {
    if (value == null) {
      line.append("null");
    } else if (value instanceof Boolean
        || value instanceof Long
        || value instanceof Integer
        || value instanceof Double
        || value instanceof BigDecimal) {
      line.append(render(value, '.'));
    } else {
      appendJsonString(render(value, '.'));
    }
  }

  private void appendJsonString(String text) {
    line.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < 0x20) {
            line.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }

  private static String render(Object value, char decimalSeparator) {
    String text;
    if (value instanceof Double number) {
      text =
          BigDecimal.valueOf(number)
              .setScale(6, RoundingMode.HALF_UP)
              .stripTrailingZeros()
              .toPlainString();
    } else if (value instanceof BigDecimal number) {
      text = number.toPlainString();
    } else if (value instanceof LocalDateTime timestamp) {
      return ISO_TIMESTAMP.format(timestamp);
    } else if (value instanceof Formatted formatted) {
      return formatted.text();
    } else {
      return value.toString();
    }
    return decimalSeparator == '.' ? text : text.replace('.', decimalSeparator);
  }

  /**
   * Keeps a text encodable in this table's charset: characters the charset lacks (such as {@code œ}
   * in ISO-8859-1) lose their accents, anything else becomes {@code ?}. Deterministic.
   */
  private String encodable(String text) {
    if (encoder.canEncode(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (encoder.canEncode(c)) {
        out.append(c);
      } else {
        String plain =
            Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        out.append(!plain.isEmpty() && encoder.canEncode(plain) ? plain : "?");
      }
    }
    return out.toString();
  }

  private void flushLine() {
    line.append('\n');
    try {
      writer.append(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line.setLength(0);
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A date written with an explicit pattern, such as {@code dd/MM/yyyy}. */
  record Formatted(String text) {
    Formatted {
      requireNonNull(text, "text is null");
    }

    static Formatted date(LocalDate date, DateTimeFormatter pattern) {
      return date == null ? null : new Formatted(pattern.format(date));
    }
  }
}

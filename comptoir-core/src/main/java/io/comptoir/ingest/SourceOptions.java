package io.comptoir.ingest;

import io.comptoir.common.ComptoirException;
import java.util.Optional;

/**
 * How to read a source file. Empty optionals mean "detect".
 *
 * @param format detected from the file name when empty
 * @param delimiter CSV field delimiter, sniffed when empty
 * @param quote CSV quote character
 * @param header whether the first CSV line holds the column names
 * @param encoding text encoding
 * @param decimalSeparator '.' or ','
 * @param maxLineBytes longer CSV lines are quarantined
 */
public record SourceOptions(
    Optional<SourceFormat> format,
    Optional<Character> delimiter,
    char quote,
    boolean header,
    SourceEncoding encoding,
    char decimalSeparator,
    int maxLineBytes) {

  /** DuckDB's default: larger limits enlarge its read buffers and slow every file down. */
  public static final int DEFAULT_MAX_LINE_BYTES = 2 * 1024 * 1024;

  public SourceOptions {
    format = format == null ? Optional.empty() : format;
    delimiter = delimiter == null ? Optional.empty() : delimiter;
    encoding = encoding == null ? SourceEncoding.AUTO : encoding;
    if (delimiter.isPresent()
        && (delimiter.get() == '\n' || delimiter.get() == '\r' || delimiter.get() == quote)) {
      throw ComptoirException.invalidInput(
          "delimiter '%s' cannot be a line break or the quote character", delimiter.get());
    }
    if (decimalSeparator != '.' && decimalSeparator != ',') {
      throw ComptoirException.invalidInput(
          "decimal separator must be '.' or ',', got '%s'", decimalSeparator);
    }
    if (decimalSeparator == ',' && delimiter.isPresent() && delimiter.get() == ',') {
      throw ComptoirException.invalidInput("decimal comma needs another field delimiter than ','");
    }
    if (maxLineBytes < 1024) {
      throw ComptoirException.invalidInput("max line bytes must be >= 1024, got %d", maxLineBytes);
    }
  }

  public static SourceOptions defaults() {
    return new SourceOptions(
        Optional.empty(),
        Optional.empty(),
        '"',
        true,
        SourceEncoding.AUTO,
        '.',
        DEFAULT_MAX_LINE_BYTES);
  }

  public SourceOptions withFormat(SourceFormat newFormat) {
    return new SourceOptions(
        Optional.of(newFormat), delimiter, quote, header, encoding, decimalSeparator, maxLineBytes);
  }

  public SourceOptions withDelimiter(char newDelimiter) {
    return new SourceOptions(
        format, Optional.of(newDelimiter), quote, header, encoding, decimalSeparator, maxLineBytes);
  }

  public SourceOptions withEncoding(SourceEncoding newEncoding) {
    return new SourceOptions(
        format, delimiter, quote, header, newEncoding, decimalSeparator, maxLineBytes);
  }

  public SourceOptions withDecimalSeparator(char newSeparator) {
    return new SourceOptions(
        format, delimiter, quote, header, encoding, newSeparator, maxLineBytes);
  }

  public SourceOptions withHeader(boolean newHeader) {
    return new SourceOptions(
        format, delimiter, quote, newHeader, encoding, decimalSeparator, maxLineBytes);
  }

  public SourceOptions withQuote(char newQuote) {
    return new SourceOptions(
        format, delimiter, newQuote, header, encoding, decimalSeparator, maxLineBytes);
  }

  public SourceOptions withMaxLineBytes(int newMax) {
    return new SourceOptions(format, delimiter, quote, header, encoding, decimalSeparator, newMax);
  }
}

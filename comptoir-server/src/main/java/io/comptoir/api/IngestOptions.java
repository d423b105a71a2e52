package io.comptoir.api;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.DuplicatePolicy;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.SourceEncoding;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import io.comptoir.ingest.WriteMode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Ingestion options as people type them, shared by the REST API (query parameters, JSON) and the
 * CLI (options): parsed here once, with messages naming the option and the accepted values.
 *
 * @param format csv, jsonl or parquet; detected from the file name when empty
 * @param delimiter one character, or {@code tab}; sniffed when empty
 * @param decimalSeparator {@code .} or {@code ,}
 * @param encoding auto, utf-8, iso-8859-1 or windows-1252
 * @param header whether the first CSV line holds the column names (default true)
 * @param mode append, overwrite (default), merge or scd2
 * @param keys the key columns of merge and scd2, separated by commas
 * @param force ingest again a file whose checksum was already ingested (default false)
 * @param toleratedRejectRate overrides the configured rate, 0 to 1
 */
public record IngestOptions(
    Optional<String> format,
    Optional<String> delimiter,
    Optional<String> decimalSeparator,
    Optional<String> encoding,
    Optional<Boolean> header,
    Optional<String> mode,
    Optional<String> keys,
    Optional<Boolean> force,
    Optional<Double> toleratedRejectRate) {

  public IngestOptions {
    format = blankToEmpty(format);
    delimiter = delimiter == null ? Optional.empty() : delimiter.filter(d -> !d.isEmpty());
    decimalSeparator = blankToEmpty(decimalSeparator);
    encoding = blankToEmpty(encoding);
    header = header == null ? Optional.empty() : header;
    mode = blankToEmpty(mode);
    keys = blankToEmpty(keys);
    force = force == null ? Optional.empty() : force;
    toleratedRejectRate = toleratedRejectRate == null ? Optional.empty() : toleratedRejectRate;
  }

  public static IngestOptions defaults() {
    return new IngestOptions(null, null, null, null, null, null, null, null, null);
  }

  /** The request to ingest a file, every option checked. */
  public IngestionRequest toRequest(ProductId product, Path source, String sourceName) {
    SourceOptions options = SourceOptions.defaults();
    if (format.isPresent()) {
      options = options.withFormat(parseFormat(format.get()));
    }
    if (delimiter.isPresent()) {
      options = options.withDelimiter(parseDelimiter(delimiter.get()));
    }
    if (decimalSeparator.isPresent()) {
      options = options.withDecimalSeparator(parseDecimalSeparator(decimalSeparator.get()));
    }
    if (encoding.isPresent()) {
      options = options.withEncoding(parseEncoding(encoding.get()));
    }
    if (header.isPresent()) {
      options = options.withHeader(header.get());
    }
    IngestionRequest request =
        IngestionRequest.of(product, source)
            .withSourceName(sourceName)
            .withOptions(options)
            .withMode(
                mode.map(IngestOptions::parseMode).orElse(WriteMode.OVERWRITE),
                keys.map(IngestOptions::parseKeys).orElse(List.of()))
            .withDuplicates(force.orElse(false) ? DuplicatePolicy.FORCE : DuplicatePolicy.REJECT);
    return toleratedRejectRate.isPresent()
        ? request.withToleratedRejectRate(toleratedRejectRate.get())
        : request;
  }

  public static SourceFormat parseFormat(String text) {
    return parseEnum(SourceFormat.class, text, "format");
  }

  static WriteMode parseMode(String text) {
    return parseEnum(WriteMode.class, text, "mode");
  }

  /** Key columns separated by commas: {@code id} or {@code id, site}. */
  static List<String> parseKeys(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
  }

  public static SourceEncoding parseEncoding(String text) {
    String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return switch (normalized) {
      case "UTF8" -> SourceEncoding.UTF_8;
      case "LATIN1", "LATIN_1", "ISO8859_1" -> SourceEncoding.ISO_8859_1;
      case "CP1252", "WINDOWS1252" -> SourceEncoding.WINDOWS_1252;
      default -> parseEnum(SourceEncoding.class, text, "encoding");
    };
  }

  public static char parseDelimiter(String text) {
    if (text.equalsIgnoreCase("tab") || text.equals("\\t")) {
      return '\t';
    }
    if (text.length() != 1) {
      throw ComptoirException.invalidInput(
          "delimiter must be one character or 'tab', got '%s'", text);
    }
    return text.charAt(0);
  }

  public static char parseDecimalSeparator(String text) {
    if (!text.equals(".") && !text.equals(",")) {
      throw ComptoirException.invalidInput("decimal separator must be '.' or ',', got '%s'", text);
    }
    return text.charAt(0);
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String what) {
    String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(normalized)) {
        return constant;
      }
    }
    throw ComptoirException.invalidInput(
        "%s must be one of %s, got '%s'",
        what,
        Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .collect(Collectors.joining(", ")),
        text);
  }

  private static Optional<String> blankToEmpty(Optional<String> value) {
    return value == null ? Optional.empty() : value.map(String::trim).filter(v -> !v.isEmpty());
  }
}

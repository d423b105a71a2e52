package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Column;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the engine must validate and write.
 *
 * @param source a plain (uncompressed or gzip) file; text files are UTF-8 at this point
 * @param format the resolved format
 * @param columns the declared schema every row is validated against
 * @param stagingDirectory an empty directory owned by the run
 * @param filePrefix prefix of the data files written, unique per run
 * @param quarantineAll when present, no row is accepted: every row of the source goes to the
 *     quarantine, as {@code SCHEMA_DRIFT} with this message (or its own error when the row cannot
 *     be read); {@code columns} are then not used
 * @param longestLine the bytes of the longest line of a text source, when known: the engine sizes
 *     its read buffers from it (empty: its defaults)
 * @param lines the lines of a text source, when known: the engine checks that every record it read
 *     was either accepted or quarantined against it
 */
public record StageRequest(
    Path source,
    SourceFormat format,
    SourceOptions options,
    List<Column> columns,
    Path stagingDirectory,
    String filePrefix,
    Optional<String> quarantineAll,
    java.util.OptionalLong longestLine,
    java.util.OptionalLong lines) {
  public StageRequest {
    requireNonNull(source, "source is null");
    requireNonNull(format, "format is null");
    requireNonNull(options, "options is null");
    columns = List.copyOf(columns);
    requireNonNull(stagingDirectory, "stagingDirectory is null");
    requireNonNull(filePrefix, "filePrefix is null");
    quarantineAll = quarantineAll == null ? Optional.empty() : quarantineAll;
    longestLine = longestLine == null ? java.util.OptionalLong.empty() : longestLine;
    lines = lines == null ? java.util.OptionalLong.empty() : lines;
  }

  public StageRequest(
      Path source,
      SourceFormat format,
      SourceOptions options,
      List<Column> columns,
      Path stagingDirectory,
      String filePrefix,
      Optional<String> quarantineAll) {
    this(
        source,
        format,
        options,
        columns,
        stagingDirectory,
        filePrefix,
        quarantineAll,
        java.util.OptionalLong.empty(),
        java.util.OptionalLong.empty());
  }

  /** The same request with the longest line and the number of lines of its source known. */
  public StageRequest withLines(long longestLine, long lines) {
    return new StageRequest(
        source,
        format,
        options,
        columns,
        stagingDirectory,
        filePrefix,
        quarantineAll,
        java.util.OptionalLong.of(longestLine),
        java.util.OptionalLong.of(lines));
  }

  public StageRequest(
      Path source,
      SourceFormat format,
      SourceOptions options,
      List<Column> columns,
      Path stagingDirectory,
      String filePrefix) {
    this(source, format, options, columns, stagingDirectory, filePrefix, Optional.empty());
  }
}

package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.ProductId;
import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of a product's data: a manifest of Parquet files.
 *
 * @param sourceChecksum SHA-256 of the source file that produced the version
 */
public record Version(
    ProductId product,
    int number,
    Instant createdAt,
    List<Column> schema,
    long rowCount,
    long bytes,
    String sourceChecksum,
    RunId run,
    WriteMode mode,
    List<DataFile> files) {

  public Version {
    requireNonNull(product, "product is null");
    if (number < 1) {
      throw new IllegalArgumentException("version number must be >= 1, got " + number);
    }
    requireNonNull(createdAt, "createdAt is null");
    schema = List.copyOf(requireNonNull(schema, "schema is null"));
    requireNonNull(sourceChecksum, "sourceChecksum is null");
    requireNonNull(run, "run is null");
    requireNonNull(mode, "mode is null");
    files = List.copyOf(requireNonNull(files, "files is null"));
    long fileRows = files.stream().mapToLong(DataFile::rows).sum();
    if (fileRows != rowCount) {
      throw new IllegalStateException(
          "version " + number + " of " + product + " lists " + fileRows + " rows, not " + rowCount);
    }
  }
}

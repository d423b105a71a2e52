package io.comptoir.demo;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.SourceOptions;
import java.nio.file.Path;

/**
 * A generated demo file and how to ingest it.
 *
 * @param path the file written
 * @param options the source options the file needs (format, delimiter, encoding, decimal
 *     separator): pass them to ingestion as they are
 * @param rows the number of data rows written (header excluded)
 */
public record DemoFile(ProductId product, Path path, SourceOptions options, long rows) {
  public DemoFile {
    requireNonNull(product, "product is null");
    requireNonNull(path, "path is null");
    requireNonNull(options, "options is null");
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be >= 0, got " + rows);
    }
  }

  /** The request that ingests this file into its product with its options. */
  public IngestionRequest request() {
    return IngestionRequest.of(product, path).withOptions(options);
  }
}

package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A request to ingest one file into a new version of a product.
 *
 * @param sourceName the name shown in the run history (the original file name of an upload)
 * @param toleratedRejectRate overrides the configured rate (0.0 to 1.0) when present
 */
public record IngestionRequest(
    ProductId product,
    Path source,
    String sourceName,
    SourceOptions options,
    WriteMode mode,
    DuplicatePolicy duplicates,
    Optional<Double> toleratedRejectRate) {

  public IngestionRequest {
    requireNonNull(product, "product is null");
    requireNonNull(source, "source is null");
    sourceName =
        sourceName == null || sourceName.isBlank()
            ? String.valueOf(source.getFileName())
            : sourceName;
    options = options == null ? SourceOptions.defaults() : options;
    mode = mode == null ? WriteMode.OVERWRITE : mode;
    duplicates = duplicates == null ? DuplicatePolicy.REJECT : duplicates;
    toleratedRejectRate = toleratedRejectRate == null ? Optional.empty() : toleratedRejectRate;
    toleratedRejectRate.ifPresent(
        rate -> {
          if (!(rate >= 0.0 && rate <= 1.0)) {
            throw ComptoirException.invalidInput(
                "tolerated reject rate must be between 0 and 1, got %s", rate);
          }
        });
  }

  public static IngestionRequest of(ProductId product, Path source) {
    return new IngestionRequest(product, source, null, null, null, null, null);
  }

  public IngestionRequest withOptions(SourceOptions newOptions) {
    return new IngestionRequest(
        product, source, sourceName, newOptions, mode, duplicates, toleratedRejectRate);
  }

  public IngestionRequest withMode(WriteMode newMode) {
    return new IngestionRequest(
        product, source, sourceName, options, newMode, duplicates, toleratedRejectRate);
  }

  public IngestionRequest withDuplicates(DuplicatePolicy policy) {
    return new IngestionRequest(
        product, source, sourceName, options, mode, policy, toleratedRejectRate);
  }

  public IngestionRequest withToleratedRejectRate(double rate) {
    return new IngestionRequest(
        product, source, sourceName, options, mode, duplicates, Optional.of(rate));
  }

  public IngestionRequest withSourceName(String name) {
    return new IngestionRequest(
        product, source, name, options, mode, duplicates, toleratedRejectRate);
  }
}

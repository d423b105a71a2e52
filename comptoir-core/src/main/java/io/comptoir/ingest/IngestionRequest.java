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
 * @param progress set by flows: saved in the same transaction as the version
 */
public record IngestionRequest(
    ProductId product,
    Path source,
    String sourceName,
    SourceOptions options,
    WriteMode mode,
    DuplicatePolicy duplicates,
    Optional<Double> toleratedRejectRate,
    Optional<SourceProgress> progress) {

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
    progress = progress == null ? Optional.empty() : progress;
    toleratedRejectRate.ifPresent(
        rate -> {
          if (!(rate >= 0.0 && rate <= 1.0)) {
            throw ComptoirException.invalidInput(
                "tolerated reject rate must be between 0 and 1, got %s", rate);
          }
        });
  }

  public static IngestionRequest of(ProductId product, Path source) {
    return new IngestionRequest(product, source, null, null, null, null, null, null);
  }

  public IngestionRequest withOptions(SourceOptions newOptions) {
    return new IngestionRequest(
        product, source, sourceName, newOptions, mode, duplicates, toleratedRejectRate, progress);
  }

  public IngestionRequest withMode(WriteMode newMode) {
    return new IngestionRequest(
        product, source, sourceName, options, newMode, duplicates, toleratedRejectRate, progress);
  }

  public IngestionRequest withDuplicates(DuplicatePolicy policy) {
    return new IngestionRequest(
        product, source, sourceName, options, mode, policy, toleratedRejectRate, progress);
  }

  public IngestionRequest withToleratedRejectRate(double rate) {
    return new IngestionRequest(
        product, source, sourceName, options, mode, duplicates, Optional.of(rate), progress);
  }

  public IngestionRequest withSourceName(String name) {
    return new IngestionRequest(
        product, source, name, options, mode, duplicates, toleratedRejectRate, progress);
  }

  /** The progress of the flow that reads this source, saved with the version. */
  public IngestionRequest withProgress(SourceProgress newProgress) {
    return new IngestionRequest(
        product,
        source,
        sourceName,
        options,
        mode,
        duplicates,
        toleratedRejectRate,
        Optional.of(newProgress));
  }
}

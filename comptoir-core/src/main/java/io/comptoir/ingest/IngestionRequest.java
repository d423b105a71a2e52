package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A request to ingest one file into a new version of a product.
 *
 * @param sourceName the name shown in the run history (the original file name of an upload)
 * @param keys the columns that identify a row, for the merge and scd2 modes (and only them)
 * @param toleratedRejectRate overrides the configured rate (0.0 to 1.0) when present
 * @param progress set by flows: saved in the same transaction as the version
 * @param schemaDrift what to do when the product has columns and the source's differ: {@link
 *     SchemaDriftPolicy#UNCHECKED} (default) reads the source with the product's columns as it is
 */
public record IngestionRequest(
    ProductId product,
    Path source,
    String sourceName,
    SourceOptions options,
    WriteMode mode,
    List<String> keys,
    DuplicatePolicy duplicates,
    Optional<Double> toleratedRejectRate,
    Optional<SourceProgress> progress,
    SchemaDriftPolicy schemaDrift) {

  public IngestionRequest {
    requireNonNull(product, "product is null");
    requireNonNull(source, "source is null");
    sourceName =
        sourceName == null || sourceName.isBlank()
            ? String.valueOf(source.getFileName())
            : sourceName;
    options = options == null ? SourceOptions.defaults() : options;
    mode = mode == null ? WriteMode.OVERWRITE : mode;
    keys = keys == null ? List.of() : List.copyOf(keys);
    duplicates = duplicates == null ? DuplicatePolicy.REJECT : duplicates;
    toleratedRejectRate = toleratedRejectRate == null ? Optional.empty() : toleratedRejectRate;
    progress = progress == null ? Optional.empty() : progress;
    schemaDrift = schemaDrift == null ? SchemaDriftPolicy.UNCHECKED : schemaDrift;
    if (schemaDrift == SchemaDriftPolicy.ACCEPT && mode != WriteMode.OVERWRITE) {
      throw ComptoirException.invalidInput(
          "accepting new columns (schema-drift: accept) needs the overwrite write mode, not %s",
          mode.name().toLowerCase(Locale.ROOT));
    }
    String modeName = mode.name().toLowerCase(Locale.ROOT);
    if (mode.keyed() && keys.isEmpty()) {
      throw ComptoirException.invalidInput(
          "write mode %s needs keys: the columns that identify a row", modeName);
    }
    if (!mode.keyed() && !keys.isEmpty()) {
      throw ComptoirException.invalidInput(
          "keys are only used by the merge and scd2 write modes, not %s", modeName);
    }
    if (keys.stream().distinct().count() != keys.size()) {
      throw ComptoirException.invalidInput("keys are repeated: %s", keys);
    }
    toleratedRejectRate.ifPresent(
        rate -> {
          if (!(rate >= 0.0 && rate <= 1.0)) {
            throw ComptoirException.invalidInput(
                "tolerated reject rate must be between 0 and 1, got %s", rate);
          }
        });
  }

  public static IngestionRequest of(ProductId product, Path source) {
    return new IngestionRequest(product, source, null, null, null, null, null, null, null, null);
  }

  public IngestionRequest withOptions(SourceOptions newOptions) {
    return new IngestionRequest(
        product,
        source,
        sourceName,
        newOptions,
        mode,
        keys,
        duplicates,
        toleratedRejectRate,
        progress,
        schemaDrift);
  }

  /** A mode without keys: append or overwrite. */
  public IngestionRequest withMode(WriteMode newMode) {
    return withMode(newMode, List.of());
  }

  /** A mode with its keys: merge and scd2 need them, the others take none. */
  public IngestionRequest withMode(WriteMode newMode, List<String> newKeys) {
    return new IngestionRequest(
        product,
        source,
        sourceName,
        options,
        newMode,
        newKeys,
        duplicates,
        toleratedRejectRate,
        progress,
        schemaDrift);
  }

  public IngestionRequest withDuplicates(DuplicatePolicy policy) {
    return new IngestionRequest(
        product,
        source,
        sourceName,
        options,
        mode,
        keys,
        policy,
        toleratedRejectRate,
        progress,
        schemaDrift);
  }

  public IngestionRequest withToleratedRejectRate(double rate) {
    return new IngestionRequest(
        product,
        source,
        sourceName,
        options,
        mode,
        keys,
        duplicates,
        Optional.of(rate),
        progress,
        schemaDrift);
  }

  public IngestionRequest withSourceName(String name) {
    return new IngestionRequest(
        product,
        source,
        name,
        options,
        mode,
        keys,
        duplicates,
        toleratedRejectRate,
        progress,
        schemaDrift);
  }

  /** The progress of the flow that reads this source, saved with the version. */
  public IngestionRequest withProgress(SourceProgress newProgress) {
    return new IngestionRequest(
        product,
        source,
        sourceName,
        options,
        mode,
        keys,
        duplicates,
        toleratedRejectRate,
        Optional.of(newProgress),
        schemaDrift);
  }

  /** Takes the source's columns as the product's when they differ (overwrite only). */
  public IngestionRequest withNewColumnsAccepted() {
    return new IngestionRequest(
        product,
        source,
        sourceName,
        options,
        mode,
        keys,
        duplicates,
        toleratedRejectRate,
        progress,
        SchemaDriftPolicy.ACCEPT);
  }

  /** Checks the source's columns against the product's, and reacts to a difference as told. */
  public IngestionRequest withSchemaDrift(SchemaDriftPolicy policy) {
    return new IngestionRequest(
        product,
        source,
        sourceName,
        options,
        mode,
        keys,
        duplicates,
        toleratedRejectRate,
        progress,
        policy);
  }

  /** Whether the source's columns become the product's when they differ. */
  public boolean acceptNewColumns() {
    return schemaDrift == SchemaDriftPolicy.ACCEPT;
  }
}

package io.comptoir.demo;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import java.time.Duration;
import java.util.List;

/**
 * What {@link DemoData#load} did.
 *
 * @param entities legal entities saved (created or updated)
 * @param domains domains saved
 * @param products one line per demo product, in load order
 * @param generation wall time from the start of the load until the last file was ready (files are
 *     generated ahead of the ingestion of the previous ones, so this overlaps ingestion)
 * @param elapsed total time of the load, ingestion included
 */
public record DemoResult(
    int entities, int domains, List<ProductLoad> products, Duration generation, Duration elapsed) {

  public DemoResult {
    products = List.copyOf(requireNonNull(products, "products is null"));
    requireNonNull(generation, "generation is null");
    requireNonNull(elapsed, "elapsed is null");
  }

  /** Whether a product was ingested by this load or already had a version. */
  public enum Outcome {
    INGESTED,
    SKIPPED
  }

  /**
   * The load of one product.
   *
   * @param version the version created, or the latest existing one when skipped
   * @param rows rows of that version
   * @param rowsQuarantined rows rejected by this load (0 when skipped)
   * @param generation time to write the file on the generator thread (zero when skipped)
   * @param ingestion time to ingest the file (zero when skipped)
   */
  public record ProductLoad(
      ProductId product,
      Outcome outcome,
      int version,
      long rows,
      long rowsQuarantined,
      Duration generation,
      Duration ingestion) {
    public ProductLoad {
      requireNonNull(product, "product is null");
      requireNonNull(outcome, "outcome is null");
      requireNonNull(generation, "generation is null");
      requireNonNull(ingestion, "ingestion is null");
    }
  }

  /** Number of demo products in the catalog after the load. */
  public int productCount() {
    return products.size();
  }

  public int versionsCreated() {
    return (int) products.stream().filter(p -> p.outcome() == Outcome.INGESTED).count();
  }

  public int productsSkipped() {
    return (int) products.stream().filter(p -> p.outcome() == Outcome.SKIPPED).count();
  }

  /** Rows in the versions created by this load. */
  public long rowsIngested() {
    return products.stream()
        .filter(p -> p.outcome() == Outcome.INGESTED)
        .mapToLong(ProductLoad::rows)
        .sum();
  }

  public long rowsQuarantined() {
    return products.stream().mapToLong(ProductLoad::rowsQuarantined).sum();
  }
}

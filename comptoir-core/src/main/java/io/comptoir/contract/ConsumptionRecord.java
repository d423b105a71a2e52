package io.comptoir.contract;

import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Consumption of one day (UTC) by one consumer under one contract: the reads, rows and bytes of its
 * successful governed reads, and the time of the last one. Recording adds to the day's record.
 *
 * @param consumer the user who read (the owner of the application when there is one)
 * @param application the application that read, if any
 */
public record ConsumptionRecord(
    LocalDate day,
    ContractId contract,
    ProductId product,
    String consumer,
    Optional<String> application,
    long reads,
    long rows,
    long bytes,
    Instant lastReadAt) {
  public ConsumptionRecord {
    requireNonNull(day, "day is null");
    requireNonNull(contract, "contract is null");
    requireNonNull(product, "product is null");
    requireText(consumer, "consumer");
    requireNonNull(application, "application is null");
    if (reads < 0 || rows < 0 || bytes < 0) {
      throw new IllegalArgumentException(
          "reads, rows and bytes must be >= 0, got " + reads + ", " + rows + ", " + bytes);
    }
    requireNonNull(lastReadAt, "lastReadAt is null");
  }
}

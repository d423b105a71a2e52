package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Filters of consumption records; empty filters match everything. Days from {@code from} to {@code
 * to}, both included.
 */
public record ConsumptionQuery(
    Optional<ProductId> product,
    Optional<ContractId> contract,
    Optional<String> consumer,
    LocalDate from,
    LocalDate to) {
  public ConsumptionQuery {
    requireNonNull(product, "product is null");
    requireNonNull(contract, "contract is null");
    requireNonNull(consumer, "consumer is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    if (from.isAfter(to)) {
      throw ComptoirException.invalidInput("'from' (%s) must not be after 'to' (%s)", from, to);
    }
  }

  /** Every record from {@code from} to {@code to}. */
  public static ConsumptionQuery between(LocalDate from, LocalDate to) {
    return new ConsumptionQuery(Optional.empty(), Optional.empty(), Optional.empty(), from, to);
  }

  public ConsumptionQuery withConsumer(String user) {
    return new ConsumptionQuery(product, contract, Optional.of(user), from, to);
  }
}

package io.comptoir.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Persistence of the per-day consumption aggregates. */
public interface ConsumptionRepository {
  /**
   * Adds a record to the one of its day, contract, product, consumer and application (created when
   * missing): reads, rows and bytes are summed, the latest read time kept. Atomic under concurrent
   * calls.
   */
  void add(ConsumptionRecord record);

  /** Records matching the query, by day, product, contract, consumer and application. */
  List<ConsumptionRecord> search(ConsumptionQuery query);

  /** The time of the last read of every contract ever read. */
  Map<ContractId, Instant> lastReads();
}

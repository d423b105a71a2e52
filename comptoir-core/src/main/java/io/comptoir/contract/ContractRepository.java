package io.comptoir.contract;

import io.comptoir.catalog.ProductId;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of requests and contracts. Contract keys are kept apart from the contracts (their own
 * table, never returned with a contract) and destroyed when the contract ends.
 */
public interface ContractRepository {
  /** Stores a new request and its key, in one transaction. */
  void insert(UsageContract contract, ContractKey key);

  /** Replaces a contract's state. */
  void update(UsageContract contract);

  Optional<UsageContract> find(ContractId id);

  /** Contracts of a product, newest first. */
  List<UsageContract> listByProduct(ProductId product);

  /** Contracts requested by a user (for themselves or their applications), newest first. */
  List<UsageContract> listByConsumer(String user);

  /** Requests still waiting for a decision (REQUESTED or IN_REVIEW), oldest first. */
  List<UsageContract> listUndecided();

  /** Contracts the committee approved and nobody ended yet (recorded ACTIVE or SUSPENDED). */
  List<UsageContract> listInForce();

  Optional<ContractKey> findKey(ContractId id);

  /** Deletes the key: data read under the contract can no longer be linked by its tokens. */
  void destroyKey(ContractId id);
}

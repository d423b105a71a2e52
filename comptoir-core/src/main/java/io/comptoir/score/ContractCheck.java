package io.comptoir.score;

import io.comptoir.catalog.DataProduct;
import io.comptoir.ingest.Version;
import java.util.List;
import java.util.Optional;

/**
 * Whether a product's ODCS contract, as Comptoir exports it, is valid. Implemented by the ODCS
 * export (in the server), which validates against the ODCS JSON schema.
 */
public interface ContractCheck {
  /** The schema problems of the product's ODCS document; empty when it is valid. */
  List<String> problems(DataProduct product, Optional<Version> latest);
}

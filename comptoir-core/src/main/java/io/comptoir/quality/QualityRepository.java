package io.comptoir.quality;

import io.comptoir.catalog.ProductId;
import java.util.List;
import java.util.Optional;

/** Where quality rules and the results of each version are kept. */
public interface QualityRepository {
  void saveRules(StoredRules rules);

  Optional<StoredRules> findRules(ProductId product);

  /** Stores the results of one version, replacing any stored before for it. */
  void saveResults(ProductId product, VersionResults results);

  /** The results of one version; empty when none was stored. */
  Optional<VersionResults> findResults(ProductId product, int version);

  /** The results of the product's latest versions that have results, newest first. */
  List<VersionResults> listResults(ProductId product, int limit);
}

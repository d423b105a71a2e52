package io.comptoir.score;

import io.comptoir.catalog.ProductId;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A product's standing as search ranking and listings see it: its data score and its certification
 * in force. {@link #NONE} knows nothing, for wiring a module alone.
 */
public interface StandingFacts {
  /** The current data score, 0 to 100; empty when never computed. */
  OptionalInt score(ProductId product);

  /** The certification in force (granted, not expired, not lapsed); empty when none. */
  Optional<CertificationLevel> certification(ProductId product);

  /** Certification levels, lowest first. */
  enum CertificationLevel {
    BRONZE,
    SILVER,
    GOLD
  }

  StandingFacts NONE =
      new StandingFacts() {
        @Override
        public OptionalInt score(ProductId product) {
          return OptionalInt.empty();
        }

        @Override
        public Optional<CertificationLevel> certification(ProductId product) {
          return Optional.empty();
        }
      };
}

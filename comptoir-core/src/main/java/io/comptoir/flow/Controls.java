package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.util.Locale;
import java.util.Optional;

/**
 * The controls of a flow beyond typing: the tolerated share of rejected rows, and what a change of
 * the source's columns does.
 */
public record Controls(Optional<Double> toleratedRejectRate, SchemaDriftPolicy schemaDrift) {
  /** What a run does when the source's columns differ from the product's. */
  public enum SchemaDriftPolicy {
    /** The new columns become the product's (overwrite only; other modes fail). */
    ACCEPT,
    /** The rows are read with the product's columns; rows that do not fit are quarantined. */
    QUARANTINE,
    /** The run fails and no version is created. */
    FAIL;

    public static SchemaDriftPolicy parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw ComptoirException.invalidInput(
            "schema-drift must be accept, quarantine or fail, got '%s'", text);
      }
    }
  }

  public Controls {
    requireNonNull(toleratedRejectRate, "toleratedRejectRate is null");
    toleratedRejectRate.ifPresent(
        rate -> {
          if (!(rate >= 0.0 && rate <= 1.0)) {
            throw ComptoirException.invalidInput(
                "tolerated-reject-rate must be between 0 and 1, got %s", rate);
          }
        });
    schemaDrift = schemaDrift == null ? SchemaDriftPolicy.FAIL : schemaDrift;
  }

  public static Controls defaults() {
    return new Controls(Optional.empty(), SchemaDriftPolicy.FAIL);
  }
}

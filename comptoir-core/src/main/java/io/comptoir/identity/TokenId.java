package io.comptoir.identity;

import io.comptoir.common.ComptoirException;
import java.util.UUID;

/** Typed id of an API token: a UUID, public, distinct from the token's secret. */
public record TokenId(String value) {
  public TokenId {
    try {
      if (value == null || !UUID.fromString(value).toString().equals(value)) {
        throw ComptoirException.invalidInput("token id must be a lowercase UUID, got '%s'", value);
      }
    } catch (IllegalArgumentException e) {
      throw ComptoirException.invalidInput("token id must be a lowercase UUID, got '%s'", value);
    }
  }

  public static TokenId random() {
    return new TokenId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}

package io.comptoir.contract;

import io.comptoir.common.ComptoirException;
import java.util.UUID;

/** Typed id of an access request and of the usage contract it becomes (a UUID). */
public record ContractId(String value) {
  public ContractId {
    try {
      UUID.fromString(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw ComptoirException.invalidInput("contract id must be a UUID, got '%s'", value);
    }
  }

  public static ContractId random() {
    return new ContractId(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}

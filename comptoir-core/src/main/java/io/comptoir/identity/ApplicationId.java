package io.comptoir.identity;

import static io.comptoir.common.Validation.requireSlug;

/** Typed slug id of an application (service account), such as {@code tableau-colis}. */
public record ApplicationId(String value) {
  public ApplicationId {
    requireSlug(value, "application id");
  }

  public static ApplicationId of(String value) {
    return new ApplicationId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

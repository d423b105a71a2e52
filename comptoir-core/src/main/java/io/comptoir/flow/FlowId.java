package io.comptoir.flow;

import static io.comptoir.common.Validation.requireSlug;

/** Typed slug id of an ingestion flow or flow template, such as {@code colis-dpd}. */
public record FlowId(String value) {
  public FlowId {
    requireSlug(value, "flow id");
  }

  public static FlowId of(String value) {
    return new FlowId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

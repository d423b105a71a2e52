package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

/** One column a contract grants, and how it is masked. */
public record ColumnGrant(String column, Masking masking, Generalization generalization) {
  public ColumnGrant {
    requireNonNull(column, "column is null");
    requireNonNull(masking, "masking is null");
    requireNonNull(generalization, "generalization is null");
  }

  public static ColumnGrant of(String column, Masking masking) {
    return new ColumnGrant(column, masking, Generalization.DEFAULT);
  }
}

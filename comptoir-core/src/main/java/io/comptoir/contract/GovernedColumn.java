package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;

/** A granted column as the engine sees it: its name, its type in the version, its masking. */
public record GovernedColumn(
    String name, DataType type, Masking masking, Generalization generalization) {
  public GovernedColumn {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(masking, "masking is null");
    requireNonNull(generalization, "generalization is null");
    masking.requireApplicable(name, type);
  }

  public static GovernedColumn of(String name, DataType type, Masking masking) {
    return new GovernedColumn(name, type, masking, Generalization.DEFAULT);
  }

  /** The grant applied to the column of the version's schema it names. */
  public static GovernedColumn of(Column column, ColumnGrant grant) {
    if (!column.name().equals(grant.column())) {
      throw ComptoirException.invalidInput(
          "grant of column '%s' applied to column '%s'", grant.column(), column.name());
    }
    return new GovernedColumn(
        column.name(), column.type(), grant.masking(), grant.generalization());
  }

  public boolean isMasked() {
    return masking != Masking.MASK_NONE;
  }
}

package io.comptoir.ingest;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.common.ComptoirException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The three columns the scd2 write mode adds to a product: when a row became true, when it stopped
 * being true (null while current), and whether it is the current row of its key. Times are UTC.
 */
public final class HistoryColumns {
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";
  public static final String IS_CURRENT = "is_current";

  private static final Set<String> NAMES = Set.of(VALID_FROM, VALID_TO, IS_CURRENT);

  private HistoryColumns() {}

  /** The columns as scd2 writes them, after the product's own columns. */
  public static List<Column> columns() {
    return List.of(
        new Column(
            VALID_FROM,
            DataType.TIMESTAMP,
            "Start of validity of the row (UTC), written by the scd2 history",
            PersonalDataCategory.NONE,
            ""),
        new Column(
            VALID_TO,
            DataType.TIMESTAMP,
            "End of validity of the row (UTC), empty while the row is current",
            PersonalDataCategory.NONE,
            ""),
        new Column(
            IS_CURRENT,
            DataType.BOOLEAN,
            "Whether the row is the current one of its key",
            PersonalDataCategory.NONE,
            ""));
  }

  public static boolean isHistoryColumn(String name) {
    return NAMES.contains(name);
  }

  /**
   * The product's own columns: the declared ones without the history columns, which must have their
   * scd2 types when declared.
   */
  public static List<Column> withoutHistory(List<Column> declared) {
    List<Column> own = new ArrayList<>();
    for (Column column : declared) {
      Optional<Column> history =
          columns().stream().filter(c -> c.name().equals(column.name())).findFirst();
      if (history.isEmpty()) {
        own.add(column);
      } else if (!history.get().type().equals(column.type())) {
        throw ComptoirException.invalidInput(
            "column %s is declared as %s but the scd2 history writes it as %s",
            column.name(), column.type(), history.get().type());
      }
    }
    return own;
  }

  /** The columns of an scd2 version: the product's own columns, then the history columns. */
  public static List<Column> withHistory(List<Column> own) {
    List<Column> all = new ArrayList<>(own);
    all.addAll(columns());
    return all;
  }
}

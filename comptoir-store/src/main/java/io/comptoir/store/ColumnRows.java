package io.comptoir.store;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps a {@link Column} to the columns shared by {@code product_columns} and {@code
 * version_columns}: ordinal, column_name, data_type, description, personal_data, source_format.
 */
final class ColumnRows {
  static final String FIELDS =
      "ordinal, column_name, data_type, description, personal_data, source_format";

  private ColumnRows() {}

  /** Binds the six fields starting at the given parameter index. */
  static void bind(PreparedStatement statement, int firstIndex, int ordinal, Column column)
      throws SQLException {
    statement.setInt(firstIndex, ordinal);
    statement.setString(firstIndex + 1, column.name());
    statement.setString(firstIndex + 2, column.type().toString());
    statement.setString(firstIndex + 3, column.description());
    statement.setString(firstIndex + 4, column.personalData().name());
    statement.setString(firstIndex + 5, column.format());
  }

  static Column read(ResultSet row) throws SQLException {
    return new Column(
        row.getString("column_name"),
        DataType.parse(row.getString("data_type")),
        row.getString("description"),
        PersonalDataCategory.valueOf(row.getString("personal_data")),
        row.getString("source_format"));
  }
}

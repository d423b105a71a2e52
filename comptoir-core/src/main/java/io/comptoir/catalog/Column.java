package io.comptoir.catalog;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.util.regex.Pattern;

/**
 * A documented column of a data product.
 *
 * @param format source format for dates and timestamps, in {@link
 *     java.time.format.DateTimeFormatter} pattern letters such as {@code dd/MM/yyyy}; empty for ISO
 */
public record Column(
    String name,
    DataType type,
    String description,
    PersonalDataCategory personalData,
    String format) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  public Column {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ComptoirException.invalidInput(
          "column name must start with a letter or '_' and hold only letters, digits and '_'"
              + " (max 128), got '%s'",
          name);
    }
    requireNonNull(type, "type is null");
    description = description == null ? "" : description;
    personalData = personalData == null ? PersonalDataCategory.NONE : personalData;
    format = format == null ? "" : format;
  }

  public static Column of(String name, DataType type) {
    return new Column(name, type, "", PersonalDataCategory.NONE, "");
  }

  public Column withDescription(String newDescription, PersonalDataCategory category) {
    return new Column(name, type, newDescription, category, format);
  }
}

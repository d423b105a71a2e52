package io.comptoir.catalog;

import static io.comptoir.common.Validation.requireCode;
import static io.comptoir.common.Validation.requireSlug;
import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A documented, owned data set. Columns may be empty until the first load infers them. */
public record DataProduct(
    ProductId id,
    String title,
    String description,
    String entity,
    String domain,
    String owner,
    String steward,
    String sourceSystem,
    Classification classification,
    List<String> tags,
    List<Column> columns,
    Instant createdAt,
    Instant updatedAt) {

  public DataProduct {
    requireNonNull(id, "id is null");
    requireText(title, "product title");
    description = description == null ? "" : description;
    requireCode(entity, "product entity");
    requireSlug(domain, "product domain");
    requireText(owner, "product owner");
    steward = steward == null ? "" : steward;
    sourceSystem = sourceSystem == null ? "" : sourceSystem;
    requireNonNull(classification, "classification is null");
    tags = tags == null ? List.of() : List.copyOf(tags);
    columns = columns == null ? List.of() : List.copyOf(columns);
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
    Set<String> seen = new HashSet<>();
    for (Column column : columns) {
      if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
        throw ComptoirException.invalidInput(
            "product %s has two columns named '%s'", id, column.name());
      }
    }
  }

  /** The same product saved again: keeps its creation time, takes a new update time. */
  public DataProduct savedAgain(Instant originalCreatedAt, Instant now) {
    return new DataProduct(
        id,
        title,
        description,
        entity,
        domain,
        owner,
        steward,
        sourceSystem,
        classification,
        tags,
        columns,
        originalCreatedAt,
        now);
  }

  public DataProduct withColumns(List<Column> newColumns, Instant now) {
    return new DataProduct(
        id,
        title,
        description,
        entity,
        domain,
        owner,
        steward,
        sourceSystem,
        classification,
        tags,
        newColumns,
        createdAt,
        now);
  }
}

package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

/**
 * A column of an output dataset made from a column of an input dataset, as a {@code columnLineage}
 * facet says.
 *
 * @param transformation the transformation type, and subtype when given ({@code DIRECT/IDENTITY});
 *     empty when the facet names none
 */
public record ColumnEdge(
    DatasetRef source,
    String sourceField,
    DatasetRef target,
    String targetField,
    String transformation) {
  public ColumnEdge {
    requireNonNull(source, "source is null");
    requireNonNull(sourceField, "sourceField is null");
    requireNonNull(target, "target is null");
    requireNonNull(targetField, "targetField is null");
    transformation = transformation == null ? "" : transformation;
  }
}

package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import java.util.List;
import java.util.Optional;

/** The profile of every column of a version, computed once after it is committed. */
public record VersionProfile(
    ProductId product, int version, long rows, List<ColumnProfile> columns) {
  public VersionProfile {
    requireNonNull(product, "product is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
  }

  public Optional<ColumnProfile> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}

package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A consumer's read of a product, as sent: the texts of {@code columns}, {@code filter} and {@code
 * order} are parsed and checked against the contract before any byte is written.
 *
 * @param reader the user reading (the owner of the application when there is one)
 * @param application the application reading, if any
 * @param version the version to read; the latest when empty
 */
public record DataRequest(
    ProductId product,
    String reader,
    Optional<String> application,
    OptionalInt version,
    String columns,
    String filter,
    String order,
    OptionalLong limit,
    long offset,
    OutputFormat format) {
  public DataRequest {
    requireNonNull(product, "product is null");
    requireNonNull(reader, "reader is null");
    application = application == null ? Optional.empty() : application;
    version = version == null ? OptionalInt.empty() : version;
    columns = columns == null ? "" : columns;
    filter = filter == null ? "" : filter;
    order = order == null ? "" : order;
    limit = limit == null ? OptionalLong.empty() : limit;
    requireNonNull(format, "format is null");
  }
}

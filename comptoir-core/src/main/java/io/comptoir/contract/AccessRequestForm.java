package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a consumer fills in to ask for a product.
 *
 * @param columns the columns wanted
 * @param maskings a masking per column where the consumer wants other than the default of the
 *     column's personal-data category (it may ask for stricter, or for clear where the committee
 *     will judge)
 * @param rowScope an optional row filter restricting the rows
 */
public record AccessRequestForm(
    ProductId product,
    Consumer consumer,
    Purpose purpose,
    List<String> columns,
    Map<String, Masking> maskings,
    String rowScope,
    ContractTerms terms,
    Optional<ContractId> renewalOf) {
  public AccessRequestForm {
    requireNonNull(product, "product is null");
    requireNonNull(consumer, "consumer is null");
    requireNonNull(purpose, "purpose is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    maskings = Map.copyOf(requireNonNull(maskings, "maskings is null"));
    rowScope = rowScope == null ? "" : rowScope;
    requireNonNull(terms, "terms is null");
    renewalOf = renewalOf == null ? Optional.empty() : renewalOf;
  }
}

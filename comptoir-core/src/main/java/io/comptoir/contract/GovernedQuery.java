package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One governed read, checked whole when built: the consumer only sees granted columns, masked as
 * granted, of the rows that pass the contract's filter and then the consumer's.
 *
 * @param files absolute paths of the version's Parquet files
 * @param schema the version's columns: what the contract filter may read
 * @param granted the columns the contract grants, with their masking
 * @param contractFilter the contract's row scope, always applied; it may read any column of the
 *     schema, masked or not granted
 * @param consumerFilter the consumer's filter: granted, unmasked columns only
 * @param selection the granted columns to return, in order; all when empty
 * @param order sort keys: granted, unmasked columns only
 * @param limit maximum rows; empty for all (the caller enforces its configured maximum with {@link
 *     #requireLimit})
 * @param offset rows to skip
 * @param key the contract's key for {@link Masking#HASH_KEYED}
 */
public record GovernedQuery(
    List<Path> files,
    List<Column> schema,
    List<GovernedColumn> granted,
    RowFilter contractFilter,
    RowFilter consumerFilter,
    ColumnSelection selection,
    SortOrder order,
    OptionalLong limit,
    long offset,
    OutputFormat format,
    ContractKey key) {

  public GovernedQuery {
    files = List.copyOf(requireNonNull(files, "files is null"));
    schema = List.copyOf(requireNonNull(schema, "schema is null"));
    granted = List.copyOf(requireNonNull(granted, "granted is null"));
    requireNonNull(contractFilter, "contractFilter is null");
    requireNonNull(consumerFilter, "consumerFilter is null");
    requireNonNull(selection, "selection is null");
    requireNonNull(order, "order is null");
    requireNonNull(limit, "limit is null");
    requireNonNull(format, "format is null");
    requireNonNull(key, "key is null");
    if (granted.isEmpty()) {
      throw ComptoirException.invalidInput("no column is granted");
    }
    if (limit.isPresent() && limit.getAsLong() < 0) {
      throw ComptoirException.invalidInput("limit must be >= 0, got %d", limit.getAsLong());
    }
    if (offset < 0) {
      throw ComptoirException.invalidInput("offset must be >= 0, got %d", offset);
    }
    Map<String, DataType> schemaTypes = new HashMap<>();
    schema.forEach(c -> schemaTypes.put(c.name(), c.type()));
    Map<String, DataType> grantedTypes = new LinkedHashMap<>();
    Set<String> masked = new HashSet<>();
    for (GovernedColumn column : granted) {
      DataType type = schemaTypes.get(column.name());
      if (type == null) {
        throw ComptoirException.invalidInput(
            "granted column '%s' is not in the version", column.name());
      }
      if (!type.equals(column.type())) {
        throw ComptoirException.invalidInput(
            "granted column '%s' is %s but the version has %s", column.name(), column.type(), type);
      }
      if (grantedTypes.put(column.name(), type) != null) {
        throw ComptoirException.invalidInput("column '%s' is granted twice", column.name());
      }
      if (column.isMasked()) {
        masked.add(column.name());
      }
    }
    contractFilter.check("contract filter", schemaTypes, Set.of());
    consumerFilter.check("filter", grantedTypes, masked);
    order.check(granted);
    for (String name : selection.columns()) {
      if (!grantedTypes.containsKey(name)) {
        throw ComptoirException.invalidInput("unknown column '%s' in columns", name);
      }
    }
  }

  /** The same query returning every row it selects: no limit. */
  public GovernedQuery withoutLimit() {
    return new GovernedQuery(
        files,
        schema,
        granted,
        contractFilter,
        consumerFilter,
        selection,
        order,
        OptionalLong.empty(),
        offset,
        format,
        key);
  }

  /** The columns written, in output order. */
  public List<GovernedColumn> output() {
    if (selection.columns().isEmpty()) {
      return granted;
    }
    return selection.columns().stream()
        .map(name -> granted.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow())
        .toList();
  }

  /** The limit to apply: the requested one if within the maximum, the maximum when none. */
  public static OptionalLong requireLimit(OptionalLong requested, long maximum) {
    if (requested.isEmpty()) {
      return OptionalLong.of(maximum);
    }
    long limit = requested.getAsLong();
    if (limit < 0 || limit > maximum) {
      throw ComptoirException.invalidInput(
          "limit must be between 0 and %d, got %d", maximum, limit);
    }
    return requested;
  }
}

package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Column;
import io.comptoir.common.ComptoirException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the engine needs to write a keyed version (merge or scd2).
 *
 * @param previousFiles the files of the previous version, absolute; empty on the first load
 * @param newRows the staged files of this run's accepted rows
 * @param columns the product's own columns, in order, without the scd2 history columns
 * @param keys the columns that identify a row, among {@code columns}
 * @param stagingDirectory where to write the new files: the run's staging directory
 * @param filePrefix prefix of the files written, unique per run
 */
public record KeyedRows(
    List<Path> previousFiles,
    List<StagedData.StagedFile> newRows,
    List<Column> columns,
    List<String> keys,
    Path stagingDirectory,
    String filePrefix) {

  public KeyedRows {
    previousFiles = List.copyOf(requireNonNull(previousFiles, "previousFiles is null"));
    newRows = List.copyOf(requireNonNull(newRows, "newRows is null"));
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    keys = List.copyOf(requireNonNull(keys, "keys is null"));
    requireNonNull(stagingDirectory, "stagingDirectory is null");
    requireNonNull(filePrefix, "filePrefix is null");
    if (keys.isEmpty()) {
      throw ComptoirException.invalidInput("a keyed write needs at least one key column");
    }
    for (String key : keys) {
      if (columns.stream().noneMatch(c -> c.name().equals(key))) {
        throw ComptoirException.invalidInput(
            "key column '%s' is not a column of the product (columns: %s)",
            key, columns.stream().map(Column::name).toList());
      }
    }
  }
}

package io.comptoir.ingest;

import java.util.ArrayList;
import java.util.List;

/** Rows read from a version: column names and values (Java types: String, Long, Double...). */
public record RowBatch(List<String> columns, List<List<Object>> rows) {
  public RowBatch {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = java.util.Collections.unmodifiableList(copy);
  }
}

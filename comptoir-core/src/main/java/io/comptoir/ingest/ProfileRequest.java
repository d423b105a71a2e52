package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Column;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files of a version to profile, its columns, and the histograms of the previous version: a
 * numeric column found there is binned with the same edges, so the two can be compared.
 */
public record ProfileRequest(
    List<Path> files, List<Column> columns, Map<String, Histogram> previousHistograms) {
  public ProfileRequest {
    files = List.copyOf(requireNonNull(files, "files is null"));
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    previousHistograms =
        Map.copyOf(requireNonNull(previousHistograms, "previousHistograms is null"));
  }
}

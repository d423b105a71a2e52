package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Column;
import io.comptoir.quality.QualityRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Quality rules to evaluate on staged data before it becomes a version.
 *
 * @param staged what staging wrote: its data files are checked
 * @param columns the columns of the staged files
 * @param rules the rules to evaluate: row-level ones, and freshness (its newest value is measured)
 * @param references for each reference rule by name, the files of the referenced product's latest
 *     version (empty when it has none: every non-empty value then fails)
 */
public record QualityCheckRequest(
    StagedData staged,
    List<Column> columns,
    List<QualityRule> rules,
    Map<String, List<Path>> references,
    Path stagingDirectory,
    String filePrefix) {
  public QualityCheckRequest {
    requireNonNull(staged, "staged is null");
    columns = List.copyOf(columns);
    rules = List.copyOf(rules);
    references = Map.copyOf(references);
    requireNonNull(stagingDirectory, "stagingDirectory is null");
    requireNonNull(filePrefix, "filePrefix is null");
  }
}

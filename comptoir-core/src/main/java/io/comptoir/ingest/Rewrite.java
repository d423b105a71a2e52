package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * The files of a keyed version: previous files kept as they are (shared with the previous version)
 * and files in the staging directory (written by the engine, or staged new rows used as they are).
 *
 * @param keptFiles files of {@link KeyedRows#previousFiles()} the new version lists unchanged
 * @param writtenFiles files in the staging directory, to publish
 */
public record Rewrite(List<Path> keptFiles, List<StagedData.StagedFile> writtenFiles) {
  public Rewrite {
    keptFiles = List.copyOf(requireNonNull(keptFiles, "keptFiles is null"));
    writtenFiles = List.copyOf(requireNonNull(writtenFiles, "writtenFiles is null"));
  }
}

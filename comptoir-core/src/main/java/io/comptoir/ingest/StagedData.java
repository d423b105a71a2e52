package io.comptoir.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the engine wrote into a staging directory for one run.
 *
 * @param dataFiles accepted rows, as Parquet files in the staging directory
 * @param quarantineFile rejected rows as one Parquet file in the staging directory, if any
 */
public record StagedData(
    long rowsRead,
    long rowsAccepted,
    long rowsQuarantined,
    List<StagedFile> dataFiles,
    Optional<Path> quarantineFile,
    List<QuarantineCount> quarantineCounts) {

  public StagedData {
    dataFiles = List.copyOf(dataFiles);
    quarantineCounts = List.copyOf(quarantineCounts);
    if (rowsRead != rowsAccepted + rowsQuarantined) {
      throw new IllegalStateException(
          "staged data does not reconcile: read "
              + rowsRead
              + " != accepted "
              + rowsAccepted
              + " + quarantined "
              + rowsQuarantined);
    }
    long fileRows = dataFiles.stream().mapToLong(StagedFile::rows).sum();
    if (fileRows != rowsAccepted) {
      throw new IllegalStateException(
          "staged files hold " + fileRows + " rows but " + rowsAccepted + " were accepted");
    }
  }

  public static StagedData empty() {
    return new StagedData(0, 0, 0, List.of(), Optional.empty(), List.of());
  }

  /** A staged Parquet file. */
  public record StagedFile(Path path, long rows, long bytes) {}
}

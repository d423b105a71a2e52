package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One execution of an ingestion. Once finished, {@code rowsRead == rowsAccepted + rowsQuarantined}.
 *
 * @param source a human description of the source (file name)
 * @param quarantineFile the Parquet file holding the quarantined rows, relative to the lake
 */
public record IngestionRun(
    RunId id,
    ProductId product,
    RunStatus status,
    String source,
    String sourceChecksum,
    long sourceBytes,
    WriteMode mode,
    Instant startedAt,
    Optional<Instant> finishedAt,
    long rowsRead,
    long rowsAccepted,
    long rowsQuarantined,
    Optional<String> error,
    Optional<Integer> versionNumber,
    Optional<String> quarantineFile,
    List<QuarantineCount> quarantineCounts,
    Optional<String> flow) {

  public IngestionRun {
    requireNonNull(id, "id is null");
    requireNonNull(product, "product is null");
    requireNonNull(status, "status is null");
    requireNonNull(source, "source is null");
    requireNonNull(sourceChecksum, "sourceChecksum is null");
    requireNonNull(mode, "mode is null");
    requireNonNull(startedAt, "startedAt is null");
    finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
    error = error == null ? Optional.empty() : error;
    versionNumber = versionNumber == null ? Optional.empty() : versionNumber;
    quarantineFile = quarantineFile == null ? Optional.empty() : quarantineFile;
    quarantineCounts = quarantineCounts == null ? List.of() : List.copyOf(quarantineCounts);
    flow = flow == null ? Optional.empty() : flow;
    if (status != RunStatus.RUNNING && rowsRead != rowsAccepted + rowsQuarantined) {
      throw new IllegalStateException(
          "run "
              + id
              + " does not reconcile: read "
              + rowsRead
              + " != accepted "
              + rowsAccepted
              + " + quarantined "
              + rowsQuarantined);
    }
  }

  public static IngestionRun started(
      RunId id,
      ProductId product,
      String source,
      String checksum,
      long sourceBytes,
      WriteMode mode,
      Instant now) {
    return started(id, product, source, checksum, sourceBytes, mode, now, Optional.empty());
  }

  /**
   * A run starting now.
   *
   * @param flow the ingestion flow running it, if any
   */
  public static IngestionRun started(
      RunId id,
      ProductId product,
      String source,
      String checksum,
      long sourceBytes,
      WriteMode mode,
      Instant now,
      Optional<String> flow) {
    return new IngestionRun(
        id,
        product,
        RunStatus.RUNNING,
        source,
        checksum,
        sourceBytes,
        mode,
        now,
        Optional.empty(),
        0,
        0,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        flow);
  }

  public IngestionRun finished(
      RunStatus newStatus,
      Instant now,
      StagedData staged,
      Optional<String> newError,
      Optional<Integer> version,
      Optional<String> quarantine) {
    return new IngestionRun(
        id,
        product,
        newStatus,
        source,
        sourceChecksum,
        sourceBytes,
        mode,
        startedAt,
        Optional.of(now),
        staged.rowsRead(),
        staged.rowsAccepted(),
        staged.rowsQuarantined(),
        newError,
        version,
        quarantine,
        staged.quarantineCounts(),
        flow);
  }

  /** A run that failed before any row was counted. */
  public IngestionRun failed(Instant now, String message) {
    return new IngestionRun(
        id,
        product,
        RunStatus.FAILED,
        source,
        sourceChecksum,
        sourceBytes,
        mode,
        startedAt,
        Optional.of(now),
        0,
        0,
        0,
        Optional.of(message),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        flow);
  }
}

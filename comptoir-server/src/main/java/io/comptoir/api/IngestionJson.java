package io.comptoir.api;

import io.comptoir.api.CatalogJson.ColumnJson;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.QuarantineCount;
import io.comptoir.ingest.QuarantinedRow;
import io.comptoir.ingest.RowBatch;
import io.comptoir.ingest.RunStatus;
import io.comptoir.ingest.Version;
import io.comptoir.ingest.WriteMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** JSON shapes of the ingestion routes. Lake paths stay inside the server. */
final class IngestionJson {
  private IngestionJson() {}

  record RunJson(
      String id,
      String product,
      RunStatus status,
      String source,
      String sourceChecksum,
      long sourceBytes,
      WriteMode mode,
      Instant startedAt,
      Instant finishedAt,
      Long durationMillis,
      long rowsRead,
      long rowsAccepted,
      long rowsQuarantined,
      Integer version,
      String error,
      List<QuarantineCountJson> quarantine,
      String flow) {
    static RunJson of(IngestionRun run) {
      return new RunJson(
          run.id().value(),
          run.product().value(),
          run.status(),
          run.source(),
          run.sourceChecksum(),
          run.sourceBytes(),
          run.mode(),
          run.startedAt(),
          run.finishedAt().orElse(null),
          run.finishedAt()
              .map(end -> Duration.between(run.startedAt(), end).toMillis())
              .orElse(null),
          run.rowsRead(),
          run.rowsAccepted(),
          run.rowsQuarantined(),
          run.versionNumber().orElse(null),
          run.error().orElse(null),
          run.quarantineCounts().stream().map(QuarantineCountJson::of).toList(),
          run.flow().orElse(null));
    }
  }

  /** How many rows were quarantined for one error type on one column. */
  record QuarantineCountJson(String errorType, String column, long rows) {
    static QuarantineCountJson of(QuarantineCount count) {
      return new QuarantineCountJson(count.errorType(), count.column(), count.rows());
    }
  }

  record VersionJson(
      String product,
      int number,
      Instant createdAt,
      WriteMode mode,
      long rowCount,
      long bytes,
      int files,
      String sourceChecksum,
      List<ColumnJson> schema,
      RunJson run,
      String profile) {
    /**
     * @param profile {@code READY}, {@code COMPUTING} (in the background, after the commit) or
     *     {@code NONE} (failed, or made before profiles existed)
     */
    static VersionJson of(Version version, IngestionRun run, String profile) {
      return new VersionJson(
          version.product().value(),
          version.number(),
          version.createdAt(),
          version.mode(),
          version.rowCount(),
          version.bytes(),
          version.files().size(),
          version.sourceChecksum(),
          ColumnJson.of(version.schema()),
          RunJson.of(run),
          profile);
    }
  }

  record QuarantinedRowJson(
      long line, String column, String errorType, String message, String raw) {
    static QuarantinedRowJson of(QuarantinedRow row) {
      return new QuarantinedRowJson(
          row.line(), row.column(), row.errorType(), row.message(), row.raw());
    }
  }

  record QuarantinePageJson(List<QuarantinedRowJson> items, long total, int offset, int limit) {}

  record RowsJson(List<String> columns, List<List<Object>> rows, int offset, int limit) {
    static RowsJson of(RowBatch batch, int offset, int limit) {
      return new RowsJson(batch.columns(), batch.rows(), offset, limit);
    }
  }

  /** Body of {@code POST /api/v1/products/{id}/imports}. */
  record ImportJson(
      String path,
      String format,
      String delimiter,
      String decimalSeparator,
      String encoding,
      Boolean header,
      String mode,
      java.util.List<String> keys,
      Boolean force,
      Double toleratedRejectRate) {
    IngestOptions options() {
      return new IngestOptions(
          Optional.ofNullable(format),
          Optional.ofNullable(delimiter),
          Optional.ofNullable(decimalSeparator),
          Optional.ofNullable(encoding),
          Optional.ofNullable(header),
          Optional.ofNullable(mode),
          Optional.ofNullable(keys).map(list -> String.join(",", list)),
          Optional.ofNullable(force),
          Optional.ofNullable(toleratedRejectRate));
    }
  }
}

package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.audit.AuditService;
import io.comptoir.catalog.Column;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.NotFoundException;
import io.comptoir.ingest.DataEngine;
import io.comptoir.ingest.IngestionService;
import io.comptoir.ingest.Lake;
import io.comptoir.ingest.Version;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only way data leaves Comptoir: a read checked against the reader's active contract, with only
 * the contracted columns, the contract's row filter always applied and each column masked as the
 * contract says. Every read, allowed or denied, is audited.
 */
public final class GovernedReadService {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(GovernedReadService.class);

  private final ContractService contracts;
  private final IngestionService ingestion;
  private final DataEngine engine;
  private final Lake lake;
  private final AuditService audit;
  private final ConsumptionService consumption;
  private final long maximumRows;

  public GovernedReadService(
      ContractService contracts,
      IngestionService ingestion,
      DataEngine engine,
      Lake lake,
      AuditService audit,
      ConsumptionService consumption,
      long maximumRows) {
    this.contracts = requireNonNull(contracts, "contracts is null");
    this.ingestion = requireNonNull(ingestion, "ingestion is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.consumption = requireNonNull(consumption, "consumption is null");
    if (maximumRows < 1) {
      throw new IllegalArgumentException("maximum rows must be >= 1, got " + maximumRows);
    }
    this.maximumRows = maximumRows;
  }

  /** A checked read, ready to stream: nothing was written yet. */
  public record PreparedRead(ContractId contract, Version version, GovernedQuery query) {}

  /**
   * Checks the request against the reader's active contract and builds the query; a denial
   * (FORBIDDEN with the reason, or a bad parameter) is audited and thrown before any output.
   */
  public PreparedRead prepare(DataRequest request) {
    try {
      ContractService.ActiveContract active =
          contracts.activeContractFor(request.product(), request.reader(), request.application());
      Version version =
          request.version().isPresent()
              ? ingestion.loadVersion(request.product(), request.version().getAsInt())
              : ingestion
                  .findLatestVersion(request.product())
                  .orElseThrow(
                      () -> new NotFoundException("version of product", request.product()));
      List<GovernedColumn> granted = new ArrayList<>();
      for (ColumnGrant grant : active.contract().grants()) {
        Column column =
            version.schema().stream()
                .filter(c -> c.name().equals(grant.column()))
                .findFirst()
                .orElseThrow(
                    () ->
                        ComptoirException.invalidInput(
                            "version %d of %s has no column '%s' granted by the contract",
                            version.number(), version.product(), grant.column()));
        granted.add(GovernedColumn.of(column, grant));
      }
      List<Path> files = version.files().stream().map(f -> lake.resolve(f.path())).toList();
      GovernedQuery query =
          new GovernedQuery(
              files,
              version.schema(),
              granted,
              RowFilter.parse(active.contract().rowScope()),
              RowFilter.parse(request.filter()),
              ColumnSelection.parse(request.columns()),
              SortOrder.parse(request.order()),
              GovernedQuery.requireLimit(request.limit(), maximumRows),
              request.offset(),
              request.format(),
              active.key());
      return new PreparedRead(active.contract().id(), version, query);
    } catch (ComptoirException e) {
      Map<String, String> details = details(request);
      details.put("outcome", "DENIED");
      details.put("code", e.code().name());
      details.put("reason", e.getMessage());
      audit.record(request.reader(), "GOVERNED_READ_DENIED", target(request), details);
      throw e;
    }
  }

  /**
   * Streams a prepared read and audits it with its rows, bytes and duration; a successful read is
   * also counted as consumption of the contract.
   */
  public ExportSummary stream(DataRequest request, PreparedRead read, OutputStream out) {
    long start = System.nanoTime();
    Map<String, String> details = details(request);
    details.put("contract", read.contract().value());
    details.put("version", Integer.toString(read.version().number()));
    details.put(
        "columns",
        String.join(",", read.query().output().stream().map(GovernedColumn::name).toList()));
    ExportSummary summary;
    try {
      summary = engine.export(read.query(), out);
      details.put("outcome", "OK");
      details.put("rows", Long.toString(summary.rows()));
      details.put("bytes", Long.toString(summary.bytes()));
      details.put("millis", Long.toString((System.nanoTime() - start) / 1_000_000));
      audit.record(request.reader(), "GOVERNED_READ", target(request), details);
    } catch (RuntimeException e) {
      details.put("outcome", "FAILED");
      details.put("reason", String.valueOf(e.getMessage()));
      details.put("millis", Long.toString((System.nanoTime() - start) / 1_000_000));
      audit.record(request.reader(), "GOVERNED_READ_FAILED", target(request), details);
      throw e;
    }
    try {
      consumption.record(
          read.contract(), request.product(), request.reader(), request.application(), summary);
    } catch (RuntimeException e) {
      // the data is already sent and the read audited: a lost count must not fail the read
      log.warn("could not record the consumption of a read under contract {}", read.contract(), e);
    }
    return summary;
  }

  private static Map<String, String> details(DataRequest request) {
    Map<String, String> details = new LinkedHashMap<>();
    request.application().ifPresent(app -> details.put("application", app));
    details.put("format", request.format().name());
    if (!request.filter().isBlank()) {
      details.put(
          "filter",
          request.filter().length() > 500 ? request.filter().substring(0, 500) : request.filter());
    }
    return details;
  }

  private static String target(DataRequest request) {
    return "product:" + request.product().value();
  }
}

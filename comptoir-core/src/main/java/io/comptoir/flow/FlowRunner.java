package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.Principal;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.IngestionService;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.SchemaDriftPolicy;
import io.comptoir.ingest.SourceProgress;
import io.comptoir.ingest.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs flows, batch by batch: each batch becomes one version, and the batch's progress (a file's
 * checksum, a watermark, offsets) is saved in the same transaction as that version; only then is
 * the batch {@link SourceBatch#done() done} (a file archived). After a crash between the two, the
 * next run finds the progress and only finishes the batch: each batch is ingested exactly once. At
 * most one run of a flow goes at a time, through a lease in the metadata store.
 */
public final class FlowRunner {
  private static final Logger log = LoggerFactory.getLogger(FlowRunner.class);

  /** How long a run's lease lasts; renewed before each batch. */
  static final Duration LEASE = Duration.ofMinutes(30);

  private final FlowService flows;
  private final IngestionService ingestion;
  private final FlowLocks locks;
  private final SourceReaders readers;
  private final Path workRoot;
  private final Clock clock;
  private final FlowEvents events;
  private final String instance;
  private final String holder;

  /**
   * @param instance names the data directory; this process's leases are held as {@code
   *     instance/uuid}, so that {@link #recover()} can give back those of a stopped process
   * @param workRoot where each run gets a work directory, deleted after the run
   */
  public FlowRunner(
      String instance,
      FlowService flows,
      IngestionService ingestion,
      FlowLocks locks,
      SourceReaders readers,
      Path workRoot,
      Clock clock,
      FlowEvents events) {
    this.flows = requireNonNull(flows, "flows is null");
    this.ingestion = requireNonNull(ingestion, "ingestion is null");
    this.locks = requireNonNull(locks, "locks is null");
    this.readers = requireNonNull(readers, "readers is null");
    this.workRoot = requireNonNull(workRoot, "workRoot is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.events = requireNonNull(events, "events is null");
    this.instance = requireNonNull(instance, "instance is null");
    this.holder = instance + "/" + UUID.randomUUID();
  }

  /**
   * After a crash, when no other process uses the data directory: gives back the leases that the
   * stopped processes of this data directory held (a killed run never released its lease, which
   * would block its flow until the lease expired) and deletes their work directories.
   */
  public void recover() {
    int released = locks.releaseAllOf(instance + "/");
    if (released > 0) {
      log.warn("released {} flow lease(s) of interrupted runs", released);
    }
    if (Files.isDirectory(workRoot)) {
      try (Stream<Path> directories = Files.list(workRoot)) {
        directories.forEach(FlowRunner::deleteQuietly);
      } catch (IOException e) {
        log.warn("cannot list work directories {}: {}", workRoot, e.getMessage());
      }
    }
  }

  /**
   * Runs a flow now, checking that the principal may; CONFLICT when it is running already (here or
   * on another server).
   */
  public FlowRun runNow(Principal principal, FlowId id) {
    return run(flows.load(principal, id));
  }

  /**
   * Replays a failed run of a flow: what it set aside is put back (a drop zone's file leaves {@code
   * error/}), then the flow runs now.
   *
   * @throws ComptoirException INVALID_INPUT when the run did not fail or no flow started it
   */
  public FlowRun replay(Principal principal, io.comptoir.ingest.RunId runId) {
    IngestionRun failed = ingestion.loadRun(runId);
    flows.requireManage(principal, failed.product());
    String flow =
        failed
            .flow()
            .orElseThrow(
                () ->
                    ComptoirException.invalidInput(
                        "run %s was not started by a flow: load its file again instead", runId));
    if (failed.status() != io.comptoir.ingest.RunStatus.FAILED) {
      throw ComptoirException.invalidInput(
          "run %s is %s: only a failed run is replayed", runId, failed.status());
    }
    StoredFlowDocument document = flows.load(principal, FlowId.of(flow));
    readers.restore(flows.definition(document), failed.source());
    return run(document);
  }

  /**
   * Runs a flow whose source is {@code upload} on one uploaded file: the flow's format options,
   * controls and write mode apply, the run is in the flow's history, and the flow's lease keeps it
   * from running twice at once.
   *
   * @param file the received file, left for the caller to delete
   * @param force ingest a file whose SHA-256 equals an earlier version's (refused otherwise)
   * @throws ComptoirException INVALID_INPUT when the flow reads another kind of source; the error
   *     of the ingestion when it failed (its run is recorded)
   */
  public FlowRun upload(Principal principal, FlowId id, Path file, String name, boolean force) {
    StoredFlowDocument document = flows.load(principal, id);
    FlowDefinition definition = flows.definition(document);
    if (!(definition.source() instanceof UploadSource source)) {
      throw ComptoirException.invalidInput(
          "flow %s reads a %s source: only a flow whose source is upload takes uploads",
          id, definition.source().kind());
    }
    UploadBatch batch = new UploadBatch(file, name, source.options(), force);
    FlowRun run = run(document, work -> new UploadBatch.Reader(batch));
    if (batch.failure != null) {
      throw batch.failure;
    }
    return run;
  }

  /** Runs a flow (for the scheduler: the principal was checked when the flow was saved). */
  public FlowRun run(StoredFlowDocument document) {
    return run(document, null);
  }

  private FlowRun run(
      StoredFlowDocument document, java.util.function.Function<Path, SourceReader> opener) {
    FlowDefinition definition = flows.definition(document);
    WriteMode mode = writeMode(definition);
    Instant now = clock.instant();
    if (!locks.acquire(definition.id(), holder, now, now.plus(LEASE))) {
      throw ComptoirException.conflict(
          "flow %s is running already: wait for its run to end", definition.id());
    }
    Path work = createWorkDirectory(definition.id());
    String step = "open the source";
    try (SourceReader reader =
        opener == null ? readers.open(definition, work) : opener.apply(work)) {
      step = "read the source";
      FlowRun run = runBatches(definition, mode, reader);
      notify(() -> events.finished(definition, run, Duration.between(now, clock.instant())));
      return run;
    } catch (RuntimeException e) {
      String failedStep = step;
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      notify(
          () ->
              events.failed(
                  definition, failedStep, message, Duration.between(now, clock.instant())));
      throw e;
    } finally {
      deleteQuietly(work);
      locks.release(definition.id(), holder);
    }
  }

  private FlowRun runBatches(FlowDefinition definition, WriteMode mode, SourceReader reader) {
    String flow = definition.id().value();
    Map<String, String> committed = new HashMap<>(ingestion.progress(flow));
    List<IngestionRun> runs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Optional<SourceBatch> next;
    while ((next = reader.next(Map.copyOf(committed))).isPresent()) {
      SourceBatch batch = next.get();
      renewLease(definition.id());
      if (batch.ingestedBefore(committed)) {
        log.info("flow {}: {} became a version before a stop; finishing it", flow, batch.name());
        batch.done();
        skipped.add(batch.name());
        continue;
      }
      IngestionRequest request =
          IngestionRequest.of(definition.product(), batch.file())
              .withSourceName(batch.name())
              .withOptions(batch.options())
              .withMode(mode, definition.write().keys())
              .withDuplicates(batch.duplicates())
              .withProgress(new SourceProgress(flow, batch.progress()));
      request = request.withSchemaDrift(schemaDrift(definition, mode));
      if (definition.controls().toleratedRejectRate().isPresent()) {
        request =
            request.withToleratedRejectRate(definition.controls().toleratedRejectRate().get());
      }
      try {
        runs.add(ingestion.ingest(request, ProgressListener.NONE));
      } catch (ComptoirException e) {
        if (e.code() == ErrorCode.INTERNAL) {
          throw e;
        }
        log.warn("flow {}: {} failed: {}", flow, batch.name(), e.getMessage());
        ingestion.listRunsOfFlow(flow, 1).stream()
            .filter(run -> run.source().equals(batch.name()) && !runs.contains(run))
            .findFirst()
            .ifPresent(runs::add);
        batch.failed(e);
        failed.add(batch.name() + ": " + e.getMessage());
        if (!reader.independentBatches()) {
          break;
        }
        continue;
      }
      committed.putAll(batch.progress());
      batch.done();
    }
    return new FlowRun(definition.id(), runs, skipped, failed);
  }

  private static void notify(Runnable listener) {
    try {
      listener.run();
    } catch (RuntimeException e) {
      log.warn("a flow event listener failed: {}", e.getMessage(), e);
    }
  }

  /**
   * The drift policy of a batch. Accept applies to overwrite only (otherwise fail). Fail and
   * quarantine check the columns of files only (drop zones, uploads): the rows Comptoir writes from
   * a table, a topic or an API are read with the product's columns, other fields ignored.
   */
  static SchemaDriftPolicy schemaDrift(FlowDefinition definition, WriteMode mode) {
    Controls.SchemaDriftPolicy policy = definition.controls().schemaDrift();
    if (policy == Controls.SchemaDriftPolicy.ACCEPT && mode == WriteMode.OVERWRITE) {
      return SchemaDriftPolicy.ACCEPT;
    }
    boolean files =
        definition.source() instanceof FileDropSource
            || definition.source() instanceof UploadSource;
    if (!files) {
      return SchemaDriftPolicy.UNCHECKED;
    }
    return policy == Controls.SchemaDriftPolicy.QUARANTINE
        ? SchemaDriftPolicy.QUARANTINE
        : SchemaDriftPolicy.FAIL;
  }

  private static WriteMode writeMode(FlowDefinition definition) {
    return switch (definition.write().mode()) {
      case APPEND -> WriteMode.APPEND;
      case OVERWRITE -> WriteMode.OVERWRITE;
      case MERGE -> WriteMode.MERGE;
      case SCD2 -> WriteMode.SCD2;
    };
  }

  private void renewLease(FlowId flow) {
    Instant now = clock.instant();
    if (!locks.acquire(flow, holder, now, now.plus(LEASE))) {
      throw ComptoirException.conflict("flow %s: its run lease was taken over", flow);
    }
  }

  private Path createWorkDirectory(FlowId flow) {
    try {
      return Files.createDirectories(workRoot.resolve(flow.value() + "-" + UUID.randomUUID()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the work directory of flow " + flow, e);
    }
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      log.warn("cannot delete work directory {}: {}", directory, e.getMessage());
    }
  }
}

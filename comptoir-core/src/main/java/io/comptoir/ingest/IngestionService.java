package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.CatalogRepository;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.MetadataChanges;
import io.comptoir.common.NotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests a file into a new immutable version of a product. Every row read ends either in the
 * version or in the quarantine; a version becomes visible only when its metadata commits.
 */
public final class IngestionService implements AutoCloseable {
  /** How long closing waits for the versions' profiles still queued. */
  public static final java.time.Duration PROFILE_DRAIN = java.time.Duration.ofSeconds(60);

  private final ProfileQueue profiles = new ProfileQueue(PROFILE_DRAIN);
  private volatile java.util.function.BiConsumer<IngestionRun, Version> versionCommitted =
      (run, version) -> {};
  private final MetadataChanges changes;
  private static final Logger log = LoggerFactory.getLogger(IngestionService.class);

  private final CatalogRepository catalog;
  private final IngestionRepository repository;

  /** How long the lookup of a product's latest version is reused. */
  public static final java.time.Duration LOOKUP_LIFETIME = java.time.Duration.ofSeconds(1);

  private final io.comptoir.common.ShortCache<ProductId, Optional<Version>> latest =
      new io.comptoir.common.ShortCache<>(LOOKUP_LIFETIME, 10_000);
  private final DataEngine engine;
  private final Lake lake;
  private final Clock clock;
  private final double defaultToleratedRejectRate;
  private final Drift.Thresholds driftThresholds;
  private volatile QualityGate qualityGate = QualityGate.NONE;

  public IngestionService(
      CatalogRepository catalog,
      IngestionRepository repository,
      DataEngine engine,
      Lake lake,
      Clock clock,
      double defaultToleratedRejectRate) {
    this(
        catalog,
        repository,
        engine,
        lake,
        clock,
        defaultToleratedRejectRate,
        Drift.Thresholds.defaults());
  }

  public IngestionService(
      CatalogRepository catalog,
      IngestionRepository repository,
      DataEngine engine,
      Lake lake,
      Clock clock,
      double defaultToleratedRejectRate,
      Drift.Thresholds driftThresholds) {
    this(
        catalog,
        repository,
        engine,
        lake,
        clock,
        defaultToleratedRejectRate,
        driftThresholds,
        new MetadataChanges());
  }

  /** Publishes VERSION on {@code changes} whenever a version is committed. */
  public IngestionService(
      CatalogRepository catalog,
      IngestionRepository repository,
      DataEngine engine,
      Lake lake,
      Clock clock,
      double defaultToleratedRejectRate,
      Drift.Thresholds driftThresholds,
      MetadataChanges changes) {
    this.changes = requireNonNull(changes, "changes is null");
    this.driftThresholds = requireNonNull(driftThresholds, "driftThresholds is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.repository = requireNonNull(repository, "repository is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.defaultToleratedRejectRate = defaultToleratedRejectRate;
  }

  /** The quality step every ingestion goes through (none by default). */
  public void useQualityGate(QualityGate gate) {
    this.qualityGate = requireNonNull(gate, "gate is null");
  }

  /**
   * Told of each committed version once its quality results are stored (lineage builds its COMPLETE
   * event then, with the assertions). Must neither block nor throw.
   */
  public void onVersionCommitted(java.util.function.BiConsumer<IngestionRun, Version> listener) {
    this.versionCommitted = requireNonNull(listener, "listener is null");
  }

  /**
   * Brings the lake back to a consistent state after a crash: runs left running are marked failed
   * and files no committed version references are removed. Call once at start, before serving.
   */
  public void recover() {
    for (IngestionRun run : repository.listRunning()) {
      log.warn("run {} of {} was interrupted; marking it failed", run.id(), run.product());
      repository.updateRun(
          run.failed(clock.instant(), "interrupted: the process stopped during the run"));
    }
    int removed = lake.removeOrphans(repository.referencedFiles());
    if (removed > 0) {
      log.info("removed {} orphan file(s) from the lake", removed);
    }
  }

  /** Runs one ingestion to its end. Failures are recorded on the run, then thrown. */
  public IngestionRun ingest(IngestionRequest request, ProgressListener progress) {
    DataProduct product =
        catalog
            .findProduct(request.product())
            .orElseThrow(() -> new NotFoundException("product", request.product()));
    Path source = request.source();
    SourceFiles.requireReadableFile(source);
    long size;
    try {
      size = Files.size(source);
    } catch (IOException e) {
      throw ComptoirException.invalidInput("cannot read %s: %s", source, e.getMessage());
    }
    if (size == 0) {
      throw ComptoirException.invalidInput("file is empty: %s", request.sourceName());
    }
    SourceFormat format = resolveFormat(request);
    SourceFiles.Scan scan = SourceFiles.scan(source, progress);
    String checksum = scan.checksum();
    if (request.duplicates() == DuplicatePolicy.REJECT) {
      Optional<Version> existing = repository.findVersionBySourceChecksum(product.id(), checksum);
      if (existing.isPresent()) {
        throw ComptoirException.conflict(
            "%s was already ingested into %s as version %d (same SHA-256 %s); force to ingest it"
                + " again",
            request.sourceName(), product.id(), existing.get().number(), checksum.substring(0, 12));
      }
    }

    IngestionRun run =
        IngestionRun.started(
            RunId.random(),
            product.id(),
            request.sourceName(),
            checksum,
            size,
            request.mode(),
            clock.instant(),
            request.progress().map(SourceProgress::flow));
    repository.insertRun(run);
    log.info("run {} started: {} into {}", run.id(), request.sourceName(), product.id());
    Path staging = lake.createStagingDirectory(run.id());
    try {
      Staged staged = stage(request, product, run, format, source, scan, staging, progress);
      if (staged.drift().isPresent()) {
        throw quarantineDrift(request, product, run, staged.data(), staged.drift().get());
      }
      QualityGate.Checked quality = checkQuality(request, product, run, staged, staging);
      return finish(
          request,
          product,
          run,
          quality.staged(),
          staged.columns(),
          staged.inferred(),
          staging,
          progress,
          quality);
    } finally {
      lake.deleteStagingDirectory(run.id());
    }
  }

  /**
   * @param drift present when the source's columns drifted and the policy is quarantine: every row
   *     is then in the quarantine
   */
  private record Staged(
      StagedData data, List<Column> columns, boolean inferred, Optional<String> drift) {}

  /**
   * Records a run whose source drifted under the quarantine policy: failed, no version, every row
   * read in its quarantine with the drift as reason.
   */
  private ComptoirException quarantineDrift(
      IngestionRequest request,
      DataProduct product,
      IngestionRun run,
      StagedData staged,
      String drift) {
    Optional<String> quarantine =
        staged.quarantineFile().map(file -> lake.publishQuarantine(product.id(), run.id(), file));
    String message =
        String.format(
            Locale.ROOT,
            "%s; its %d rows are in the quarantine: no version created",
            drift,
            staged.rowsQuarantined());
    repository.updateRun(
        run.finished(
            RunStatus.FAILED,
            clock.instant(),
            staged,
            Optional.of("schema: " + message),
            Optional.empty(),
            quarantine));
    return ComptoirException.invalidInput("%s: %s", request.sourceName(), message);
  }

  /** Quality step 1 of 3: the row-level rules on the staged data; a failure fails the run. */
  private QualityGate.Checked checkQuality(
      IngestionRequest request,
      DataProduct product,
      IngestionRun run,
      Staged staged,
      Path staging) {
    try {
      return qualityGate.checkRows(
          product.id(),
          staged.columns(),
          staged.data(),
          staging,
          run.id().value() + "-quality",
          clock.instant());
    } catch (RuntimeException e) {
      throw recordFailure(request, run, "quality", staged.data(), Optional.empty(), e);
    }
  }

  /** Validates the source into the staging directory; a failure is recorded on the run. */
  private Staged stage(
      IngestionRequest request,
      DataProduct product,
      IngestionRun run,
      SourceFormat format,
      Path source,
      SourceFiles.Scan scan,
      Path staging,
      ProgressListener progress) {
    String step = "prepare";
    java.util.OptionalLong longestLine = scan.longestLine();
    try {
      Path text = source;
      SourceOptions options = request.options();
      if (format != SourceFormat.PARQUET) {
        SourceEncoding encoding =
            options.encoding() == SourceEncoding.AUTO
                ? SourceFiles.detectEncoding(source)
                : options.encoding();
        if (encoding != SourceEncoding.UTF_8) {
          step = "transcode";
          text = staging.resolve("source-utf8." + format.name().toLowerCase(Locale.ROOT));
          SourceFiles.transcodeToUtf8(source, encoding, text);
          // a byte of ISO-8859-1 or Windows-1252 takes up to 3 in UTF-8 (€: E2 82 AC)
          longestLine =
              longestLine.isPresent()
                  ? java.util.OptionalLong.of(3 * longestLine.getAsLong())
                  : longestLine;
        }
        options = options.withEncoding(SourceEncoding.UTF_8);
      }
      step = "schema";
      boolean inferred = product.columns().isEmpty();
      List<Column> columns =
          inferred ? engine.inferColumns(text, format, options) : ownColumns(request, product);
      if (!inferred && request.acceptNewColumns()) {
        List<Column> read = engine.inferColumns(text, format, options);
        if (!sameSchema(read, columns)) {
          log.info(
              "{}: {} has columns {} instead of {}; accepted as the product's new columns",
              product.id(),
              request.sourceName(),
              describe(read),
              describe(columns));
          columns = keepDocumentation(read, product.columns());
          inferred = true;
        }
      }
      Optional<String> drift = Optional.empty();
      if (!inferred && checksDrift(request, format, options)) {
        drift = checkDrift(request, format, options, text, columns);
      }
      requireKeys(request, product, columns, inferred);
      step = "validate";
      StageRequest stageRequest =
          new StageRequest(text, format, options, columns, staging, run.id().value(), drift);
      if (longestLine.isPresent() && scan.lines().isPresent() && format != SourceFormat.PARQUET) {
        // transcoding keeps the line breaks: the lines are those of the text staged
        stageRequest = stageRequest.withLines(longestLine.getAsLong(), scan.lines().getAsLong());
      }
      StagedData data = engine.stage(stageRequest, progress);
      return new Staged(data, columns, inferred, drift);
    } catch (RuntimeException e) {
      throw recordFailure(request, run, step, StagedData.empty(), Optional.empty(), e);
    }
  }

  private static boolean checksDrift(
      IngestionRequest request, SourceFormat format, SourceOptions options) {
    boolean named = format != SourceFormat.CSV || options.header();
    return named
        && (request.schemaDrift() == SchemaDriftPolicy.FAIL
            || request.schemaDrift() == SchemaDriftPolicy.QUARANTINE);
  }

  /**
   * Compares the source's columns with the product's: under the fail policy a difference fails the
   * run; under the quarantine policy it is returned, as the reason every row is quarantined.
   */
  private Optional<String> checkDrift(
      IngestionRequest request,
      SourceFormat format,
      SourceOptions options,
      Path text,
      List<Column> columns) {
    String drift;
    try {
      List<Column> read = engine.inferColumns(text, format, options);
      Optional<SchemaChange> change =
          SchemaChange.between(columns, read, format == SourceFormat.PARQUET);
      if (change.isEmpty()) {
        return Optional.empty();
      }
      drift =
          "schema drift of "
              + request.sourceName()
              + " from the product's columns: "
              + change.get().describe();
    } catch (ComptoirException e) {
      if (request.schemaDrift() != SchemaDriftPolicy.QUARANTINE || e.code() == ErrorCode.INTERNAL) {
        throw e;
      }
      drift = "cannot read the columns of " + request.sourceName() + ": " + messageOf(e);
    }
    if (request.schemaDrift() == SchemaDriftPolicy.FAIL) {
      throw ComptoirException.invalidInput("%s: no version created", drift);
    }
    log.warn("{}: every row goes to the quarantine", drift);
    return Optional.of(drift);
  }

  private ComptoirException recordFailure(
      IngestionRequest request,
      IngestionRun run,
      String step,
      StagedData counted,
      Optional<String> quarantine,
      RuntimeException e) {
    String message = step + ": " + messageOf(e);
    try {
      repository.updateRun(
          run.finished(
              RunStatus.FAILED,
              clock.instant(),
              counted,
              Optional.of(message),
              Optional.empty(),
              quarantine));
    } catch (RuntimeException updateFailure) {
      e.addSuppressed(updateFailure);
    }
    String text = "ingestion of " + request.sourceName() + " failed in " + message;
    if (e instanceof ComptoirException comptoir) {
      return new ComptoirException(comptoir.code(), text, e);
    }
    log.error("ingestion run {} failed", run.id(), e);
    return new ComptoirException(ErrorCode.INTERNAL, text, e);
  }

  private IngestionRun finish(
      IngestionRequest request,
      DataProduct product,
      IngestionRun run,
      StagedData staged,
      List<Column> columns,
      boolean inferred,
      Path staging,
      ProgressListener progress,
      QualityGate.Checked quality) {
    Optional<String> quarantine =
        staged.quarantineFile().map(file -> lake.publishQuarantine(product.id(), run.id(), file));
    if (staged.rowsRead() == 0) {
      IngestionRun failed =
          run.finished(
              RunStatus.FAILED,
              clock.instant(),
              staged,
              Optional.of("validate: the file holds no data rows"),
              Optional.empty(),
              quarantine);
      repository.updateRun(failed);
      throw ComptoirException.invalidInput(
          "%s holds no data rows: no version created", request.sourceName());
    }
    double tolerated = request.toleratedRejectRate().orElse(defaultToleratedRejectRate);
    double rate = (double) staged.rowsQuarantined() / staged.rowsRead();
    if (rate > tolerated) {
      String message =
          String.format(
              Locale.ROOT,
              "%d of %d rows rejected (%.2f%%), above the tolerated %.2f%%: no version created",
              staged.rowsQuarantined(),
              staged.rowsRead(),
              rate * 100,
              tolerated * 100);
      repository.updateRun(
          run.finished(
              RunStatus.FAILED,
              clock.instant(),
              staged,
              Optional.of("reject rate: " + message),
              Optional.empty(),
              quarantine));
      throw ComptoirException.invalidInput("%s: %s", request.sourceName(), message);
    }
    Optional<Version> previous = repository.findLatestVersion(product.id());
    Instant time = clock.instant();
    List<Column> schema =
        request.mode() == WriteMode.SCD2 ? HistoryColumns.withHistory(columns) : columns;
    Written written;
    try {
      written = write(request, run, staged, columns, schema, previous, staging, time, progress);
    } catch (RuntimeException e) {
      throw recordFailure(
          request, run, request.mode().name().toLowerCase(Locale.ROOT), staged, quarantine, e);
    }
    try {
      // quality step 2 of 3: the dataset-level rules on the version about to be committed
      quality.checkVersion(
          previous,
          written.kept().stream().mapToLong(DataFile::rows).sum()
              + written.files().stream().mapToLong(StagedData.StagedFile::rows).sum());
    } catch (RuntimeException e) {
      throw recordFailure(request, run, "quality", staged, quarantine, e);
    }
    progress.progress("commit", 0.0);
    try {
      List<DataFile> files = new ArrayList<>(written.kept());
      files.addAll(lake.publishData(product.id(), written.files()));
      List<Column> productColumns = productColumns(request, product, schema, inferred);
      Optional<DataProduct> updated =
          productColumns.equals(product.columns())
              ? Optional.empty()
              : Optional.of(product.withColumns(productColumns, time));
      return commit(
          request,
          product,
          run,
          staged,
          schema,
          updated,
          previous,
          files,
          quarantine,
          time,
          progress,
          quality);
    } catch (RuntimeException e) {
      // files already moved are unreferenced: removed by the next recovery
      throw recordFailure(request, run, "commit", staged, quarantine, e);
    }
  }

  /**
   * The files of the new version: previous files it lists unchanged, and staged files to publish.
   */
  private record Written(List<DataFile> kept, List<StagedData.StagedFile> files) {}

  private Written write(
      IngestionRequest request,
      IngestionRun run,
      StagedData staged,
      List<Column> columns,
      List<Column> schema,
      Optional<Version> previous,
      Path staging,
      Instant time,
      ProgressListener progress) {
    String mode = request.mode().name().toLowerCase(Locale.ROOT);
    switch (request.mode()) {
      case OVERWRITE:
        return new Written(List.of(), staged.dataFiles());
      case APPEND:
        if (previous.isEmpty()) {
          return new Written(List.of(), staged.dataFiles());
        }
        requireSameSchema(previous.get(), schema, mode);
        return new Written(previous.get().files(), staged.dataFiles());
      case MERGE:
        previous.ifPresent(version -> requireSameSchema(version, schema, mode));
        break;
      case SCD2:
        break;
      default:
        throw new IllegalStateException("unknown write mode " + request.mode());
    }
    progress.progress(mode, 0.0);
    Map<Path, DataFile> previousFiles = new LinkedHashMap<>();
    previous.ifPresent(
        version -> version.files().forEach(f -> previousFiles.put(lake.resolve(f.path()), f)));
    KeyedRows rows =
        new KeyedRows(
            List.copyOf(previousFiles.keySet()),
            staged.dataFiles(),
            columns,
            request.keys(),
            staging,
            run.id().value());
    Rewrite rewrite;
    if (request.mode() == WriteMode.MERGE) {
      rewrite = engine.merge(rows);
    } else {
      Optional<Instant> withoutHistory = Optional.empty();
      if (previous.isPresent() && !sameSchema(previous.get().schema(), schema)) {
        if (!sameSchema(previous.get().schema(), columns)) {
          throw ComptoirException.invalidInput(
              "cannot keep a history: version %d has columns %s but this load has %s (then %s,"
                  + " %s, %s); use overwrite",
              previous.get().number(),
              describe(previous.get().schema()),
              describe(columns),
              HistoryColumns.VALID_FROM,
              HistoryColumns.VALID_TO,
              HistoryColumns.IS_CURRENT);
        }
        withoutHistory = Optional.of(previous.get().createdAt());
      }
      rewrite = engine.historize(rows, time, withoutHistory);
    }
    List<DataFile> kept = new ArrayList<>();
    for (Path file : rewrite.keptFiles()) {
      DataFile known = previousFiles.get(file);
      if (known == null) {
        throw new IllegalStateException("the engine kept a file of no previous version: " + file);
      }
      kept.add(known);
    }
    progress.progress(mode, 1.0);
    return new Written(kept, rewrite.writtenFiles());
  }

  /** Columns read from a source, with the description and category of same-named known ones. */
  private static List<Column> keepDocumentation(List<Column> read, List<Column> known) {
    return read.stream()
        .map(
            c ->
                known.stream()
                    .filter(k -> k.name().equals(c.name()))
                    .findFirst()
                    .map(k -> c.withDescription(k.description(), k.personalData()))
                    .orElse(c))
        .toList();
  }

  /** The columns rows are validated against: for scd2, without the history columns. */
  private static List<Column> ownColumns(IngestionRequest request, DataProduct product) {
    return request.mode() == WriteMode.SCD2
        ? HistoryColumns.withoutHistory(product.columns())
        : product.columns();
  }

  private static void requireKeys(
      IngestionRequest request, DataProduct product, List<Column> columns, boolean inferred) {
    for (String key : request.keys()) {
      if (columns.stream().noneMatch(c -> c.name().equals(key))) {
        throw ComptoirException.invalidInput(
            "key column '%s' is not a column of %s%s (columns: %s)",
            key,
            product.id(),
            inferred ? " as read from the source" : "",
            columns.stream().map(Column::name).toList());
      }
    }
    if (request.mode() == WriteMode.SCD2 && inferred) {
      for (Column column : columns) {
        if (HistoryColumns.isHistoryColumn(column.name())) {
          throw ComptoirException.invalidInput(
              "the source has a column %s, which the scd2 history writes: rename it",
              column.name());
        }
      }
    }
  }

  /**
   * The product's columns after the load: inferred ones on a first load; for scd2, the history
   * columns are added when missing, so contracts can grant them.
   */
  private static List<Column> productColumns(
      IngestionRequest request, DataProduct product, List<Column> schema, boolean inferred) {
    if (inferred) {
      return schema;
    }
    if (request.mode() != WriteMode.SCD2) {
      return product.columns();
    }
    List<Column> columns = new ArrayList<>(product.columns());
    for (Column history : HistoryColumns.columns()) {
      if (columns.stream().noneMatch(c -> c.name().equals(history.name()))) {
        columns.add(history);
      }
    }
    return columns;
  }

  private IngestionRun commit(
      IngestionRequest request,
      DataProduct product,
      IngestionRun run,
      StagedData staged,
      List<Column> schema,
      Optional<DataProduct> updated,
      Optional<Version> previous,
      List<DataFile> files,
      Optional<String> quarantine,
      Instant time,
      ProgressListener progress,
      QualityGate.Checked quality) {
    int number = previous.map(v -> v.number() + 1).orElse(1);
    Version version =
        new Version(
            product.id(),
            number,
            time,
            schema,
            files.stream().mapToLong(DataFile::rows).sum(),
            files.stream().mapToLong(DataFile::bytes).sum(),
            run.sourceChecksum(),
            run.id(),
            request.mode(),
            files);
    IngestionRun succeeded =
        run.finished(
            RunStatus.SUCCEEDED,
            version.createdAt(),
            staged,
            Optional.empty(),
            Optional.of(number),
            quarantine);
    repository.commitVersion(version, succeeded, updated, request.progress());
    latest.invalidate();
    progress.progress("commit", 1.0);
    // quality step 3 of 3: the results are kept with the committed version
    quality.record(number);
    notifyCommitted(succeeded, version);
    queueProfile(version, updated.orElse(product));
    changes.publish(MetadataChanges.Kind.VERSION, product.id().value());
    log.info(
        "{} version {}: {} rows read, {} accepted, {} quarantined",
        product.id(),
        number,
        staged.rowsRead(),
        staged.rowsAccepted(),
        staged.rowsQuarantined());
    return succeeded;
  }

  private void notifyCommitted(IngestionRun run, Version version) {
    try {
      versionCommitted.accept(run, version);
    } catch (RuntimeException e) {
      log.warn("a listener of committed versions failed on {}: {}", run.id(), e.getMessage());
    }
  }

  /**
   * Queues the profile of a committed version: it is computed in the background, after the
   * ingestion has returned (see {@link ProfileQueue}).
   */
  private CompletableFuture<Optional<VersionProfile>> queueProfile(
      Version version, DataProduct product) {
    return profiles.submit(
        new VersionKey(version.product(), version.number()), () -> profile(version, product));
  }

  /**
   * The profile of a version once computed: completes at once when it is stored already, or when
   * the version has none and none is being computed (empty); otherwise when the background profiler
   * has stored it (empty if it failed).
   */
  public CompletableFuture<Optional<VersionProfile>> profiled(ProductId product, int number) {
    Optional<CompletableFuture<Optional<VersionProfile>>> pending =
        profiles.pending(new VersionKey(product, number));
    if (pending.isPresent()) {
      return pending.get();
    }
    return CompletableFuture.completedFuture(repository.findProfile(product, number));
  }

  /** Whether the profile of a version is being computed or waits its turn. */
  public boolean profiling(ProductId product, int number) {
    return profiles.pending(new VersionKey(product, number)).isPresent();
  }

  /**
   * Queues the profiles of the versions that have none, each product's oldest first: those whose
   * profile had not been computed when the process stopped, or had failed. For a server at start;
   * returns how many were queued.
   */
  public int resumeProfiles() {
    int queued = 0;
    for (VersionKey key : repository.versionsWithoutProfile(Optional.empty())) {
      Optional<Version> version = repository.findVersion(key.product(), key.number());
      Optional<DataProduct> product = catalog.findProduct(key.product());
      if (version.isPresent() && product.isPresent()) {
        queueProfile(version.get(), product.get());
        queued++;
      }
    }
    if (queued > 0) {
      log.info("{} version(s) without a profile: profiling them in the background", queued);
    }
    return queued;
  }

  /**
   * Stops profiling: waits up to {@link #PROFILE_DRAIN} for the profiles queued, then leaves the
   * rest for {@link #resumeProfiles()} or {@code comptoir profile backfill}.
   */
  @Override
  public void close() {
    profiles.close();
  }

  /** Computes and stores the profile of a version, binned like the previous version's. */
  public VersionProfile profile(Version version, DataProduct product) {
    Map<String, Histogram> previousHistograms = new LinkedHashMap<>();
    if (version.number() > 1) {
      repository
          .findProfile(version.product(), version.number() - 1)
          .ifPresent(
              previous ->
                  previous
                      .columns()
                      .forEach(
                          c -> c.histogram().ifPresent(h -> previousHistograms.put(c.name(), h))));
    }
    List<Column> columns =
        version.schema().stream()
            .map(
                c ->
                    product.columns().stream()
                        .filter(p -> p.name().equals(c.name()))
                        .findFirst()
                        .map(p -> c.withDescription(c.description(), p.personalData()))
                        .orElse(c))
            .toList();
    List<Path> files = version.files().stream().map(f -> lake.resolve(f.path())).toList();
    VersionProfile profile =
        new VersionProfile(
            version.product(),
            version.number(),
            version.rowCount(),
            engine.profile(new ProfileRequest(files, columns, previousHistograms)));
    repository.saveProfile(profile);
    return profile;
  }

  /**
   * Profiles the versions that have none (made before profiles existed, or whose profile failed),
   * of one product or of all, each product's oldest first so that a version's histograms take the
   * edges of the version before it. A version that fails is reported and the later versions of its
   * product are skipped (left for the next backfill); versions with a profile are not touched.
   *
   * @throws NotFoundException when the product given does not exist
   */
  public ProfileBackfill backfillProfiles(
      Optional<ProductId> product, ProfileBackfill.Listener listener) {
    requireNonNull(product, "product is null");
    requireNonNull(listener, "listener is null");
    product.ifPresent(
        id -> catalog.findProduct(id).orElseThrow(() -> new NotFoundException("product", id)));
    int profiled = 0;
    int failed = 0;
    int skipped = 0;
    Optional<VersionKey> failure = Optional.empty();
    for (VersionKey key : repository.versionsWithoutProfile(product)) {
      if (failure.isPresent() && failure.get().product().equals(key.product())) {
        listener.skipped(key, failure.get());
        skipped++;
        continue;
      }
      failure = Optional.empty();
      long start = System.nanoTime();
      try {
        Version version = loadVersion(key.product(), key.number());
        DataProduct owner =
            catalog
                .findProduct(key.product())
                .orElseThrow(() -> new NotFoundException("product", key.product()));
        VersionProfile profile = profile(version, owner);
        listener.profiled(profile, java.time.Duration.ofNanos(System.nanoTime() - start));
        profiled++;
      } catch (RuntimeException e) {
        log.warn("cannot profile {}: {}", key, messageOf(e));
        listener.failed(key, messageOf(e));
        failure = Optional.of(key);
        failed++;
      }
    }
    return new ProfileBackfill(profiled, failed, skipped);
  }

  /** The stored profile of a version. */
  public VersionProfile loadProfile(ProductId product, int number) {
    return repository
        .findProfile(product, number)
        .orElseThrow(() -> new NotFoundException("profile", product + "@" + number));
  }

  /**
   * The drift of a version from the previous one, from their stored profiles; empty for a first
   * version or when either has no profile.
   */
  public Optional<Drift> drift(ProductId product, int number) {
    if (number < 2) {
      return Optional.empty();
    }
    Optional<VersionProfile> current = repository.findProfile(product, number);
    Optional<VersionProfile> previous = repository.findProfile(product, number - 1);
    if (current.isEmpty() || previous.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Drift.between(previous.get(), current.get(), driftThresholds));
  }

  private static void requireSameSchema(Version previous, List<Column> columns, String mode) {
    if (!sameSchema(previous.schema(), columns)) {
      throw ComptoirException.invalidInput(
          "cannot %s: version %d has columns %s but this load has %s; use overwrite",
          mode, previous.number(), describe(previous.schema()), describe(columns));
    }
  }

  private static boolean sameSchema(List<Column> before, List<Column> now) {
    return describe(before).equals(describe(now));
  }

  private static List<String> describe(List<Column> columns) {
    return columns.stream().map(c -> c.name() + ":" + c.type()).toList();
  }

  private static SourceFormat resolveFormat(IngestionRequest request) {
    if (request.options().format().isPresent()) {
      return request.options().format().get();
    }
    if (SourceFiles.isParquet(request.source())) {
      return SourceFormat.PARQUET;
    }
    return SourceFormat.fromFileName(request.sourceName())
        .or(() -> SourceFormat.fromFileName(request.source().getFileName().toString()))
        .orElseThrow(
            () ->
                ComptoirException.invalidInput(
                    "cannot tell the format of %s from its name: give the format (csv, jsonl,"
                        + " parquet)",
                    request.sourceName()));
  }

  static String messageOf(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  public Version loadVersion(ProductId product, int number) {
    return repository
        .findVersion(product, number)
        .orElseThrow(() -> new NotFoundException("version", product + "@" + number));
  }

  /**
   * The product's latest version. Looked up at most once a {@link #LOOKUP_LIFETIME} (every governed
   * read asks): a version committed by this service is seen at once, one committed by another
   * process once the lifetime is over. Versions are never changed once committed.
   */
  public Optional<Version> findLatestVersion(ProductId product) {
    return latest.get(product, repository::findLatestVersion);
  }

  public List<Version> listVersions(ProductId product) {
    return repository.listVersions(product);
  }

  public IngestionRun loadRun(RunId id) {
    return repository.findRun(id).orElseThrow(() -> new NotFoundException("run", id));
  }

  /** The runs of a flow, most recent first. */
  public List<IngestionRun> listRunsOfFlow(String flow, int limit) {
    return repository.listRunsOfFlow(flow, limit);
  }

  /** The source progress a flow has committed with its versions. */
  public java.util.Map<String, String> progress(String flow) {
    return repository.progress(flow);
  }

  public List<IngestionRun> listRuns(ProductId product, int limit) {
    return repository.listRuns(product, limit);
  }

  /** Reads rows of a version: any retained version can be read. */
  public RowBatch read(Version version, List<String> columns, long offset, int limit) {
    for (String column : columns) {
      if (version.schema().stream().noneMatch(c -> c.name().equals(column))) {
        throw ComptoirException.invalidInput(
            "version %d of %s has no column '%s'", version.number(), version.product(), column);
      }
    }
    List<Path> files = version.files().stream().map(f -> lake.resolve(f.path())).toList();
    return engine.read(new ReadRequest(files, columns, offset, limit));
  }

  /** Quarantined rows of a run, ordered by line. */
  public List<QuarantinedRow> quarantinedRows(IngestionRun run, long offset, int limit) {
    if (run.quarantineFile().isEmpty()) {
      return List.of();
    }
    return engine.readQuarantine(lake.resolve(run.quarantineFile().get()), offset, limit);
  }
}

package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.Principal;
import io.comptoir.ingest.DuplicatePolicy;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.IngestionService;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.SourceFiles;
import io.comptoir.ingest.SourceProgress;
import io.comptoir.ingest.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs flows. A drop zone is read file by file: each complete file becomes one version, and its
 * checksum is saved as the flow's progress in the same transaction as that version; only then is
 * the file moved to {@code archive/}. After a crash between the two, the next run finds the
 * checksum in the progress and archives the file without reading it again: each file is ingested
 * exactly once. Files that fail go to {@code error/} with a {@code .error.txt} saying why.
 */
public final class FlowRunner {
  private static final Logger log = LoggerFactory.getLogger(FlowRunner.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  /** How long a run's lease lasts; renewed between files. */
  static final Duration LEASE = Duration.ofMinutes(30);

  private final FlowService flows;
  private final IngestionService ingestion;
  private final FlowLocks locks;
  private final Path dataDirectory;
  private final Clock clock;
  private final String holder = "comptoir-" + UUID.randomUUID();

  public FlowRunner(
      FlowService flows,
      IngestionService ingestion,
      FlowLocks locks,
      Path dataDirectory,
      Clock clock) {
    this.flows = requireNonNull(flows, "flows is null");
    this.ingestion = requireNonNull(ingestion, "ingestion is null");
    this.locks = requireNonNull(locks, "locks is null");
    this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Runs a flow now, checking that the principal may; CONFLICT when it is running already (here or
   * on another server).
   */
  public FlowRun runNow(Principal principal, FlowId id) {
    StoredFlowDocument document = flows.load(principal, id);
    return run(document);
  }

  /** Runs a flow for the scheduler (no principal: the flow's own rights). */
  public FlowRun run(StoredFlowDocument document) {
    FlowDefinition definition = flows.definition(document);
    Instant now = clock.instant();
    if (!locks.acquire(definition.id(), holder, now, now.plus(LEASE))) {
      throw ComptoirException.conflict(
          "flow %s is running already: wait for its run to end", definition.id());
    }
    try {
      if (definition.source() instanceof FileDropSource drop) {
        return runDropZone(definition, drop);
      }
      throw ComptoirException.invalidInput(
          "flow %s: running %s sources is not available yet (file-drop is)",
          definition.id(), definition.source().kind());
    } finally {
      locks.release(definition.id(), holder);
    }
  }

  private FlowRun runDropZone(FlowDefinition definition, FileDropSource drop) {
    WriteMode mode = writeMode(definition);
    Path directory = dataDirectory.resolve(drop.directory()).normalize();
    if (!Files.isDirectory(directory)) {
      throw ComptoirException.invalidInput(
          "flow %s: drop zone %s does not exist or is not a directory", definition.id(), directory);
    }
    Map<String, String> progress = ingestion.progress(definition.id().value());
    List<IngestionRun> runs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Path file : completeFiles(directory, drop)) {
      renewLease(definition.id());
      String name = file.getFileName().toString();
      String checksum = SourceFiles.sha256(file, ProgressListener.NONE);
      String key = "file:" + checksum;
      if (progress.containsKey(key)) {
        log.info("flow {}: {} was ingested before a stop; archiving it", definition.id(), name);
        setAside(drop, file, directory.resolve("archive"), Optional.empty());
        skipped.add(name);
        continue;
      }
      IngestionRequest request =
          IngestionRequest.of(definition.product(), file)
              .withSourceName(name)
              .withOptions(drop.options())
              .withMode(mode)
              .withDuplicates(DuplicatePolicy.REJECT)
              .withProgress(new SourceProgress(definition.id().value(), Map.of(key, name)));
      if (definition.controls().toleratedRejectRate().isPresent()) {
        request =
            request.withToleratedRejectRate(definition.controls().toleratedRejectRate().get());
      }
      try {
        runs.add(ingestion.ingest(request, ProgressListener.NONE));
        setAside(drop, file, directory.resolve("archive"), Optional.empty());
      } catch (ComptoirException e) {
        if (e.code() == ErrorCode.INTERNAL) {
          throw e;
        }
        log.warn("flow {}: {} set aside: {}", definition.id(), name, e.getMessage());
        ingestion.listRunsOfFlow(definition.id().value(), 1).stream()
            .filter(run -> run.source().equals(name))
            .findFirst()
            .ifPresent(runs::add);
        setAside(drop, file, directory.resolve("error"), Optional.of(e.getMessage()));
        failed.add(name + ": " + e.getMessage());
      }
    }
    return new FlowRun(definition.id(), runs, skipped, failed);
  }

  private static WriteMode writeMode(FlowDefinition definition) {
    return switch (definition.write().mode()) {
      case APPEND -> WriteMode.APPEND;
      case OVERWRITE -> WriteMode.OVERWRITE;
      case MERGE, SCD2 ->
          throw ComptoirException.invalidInput(
              "flow %s: write mode %s is not available yet (append and overwrite are)",
              definition.id(), definition.write().mode().name().toLowerCase(java.util.Locale.ROOT));
    };
  }

  private void renewLease(FlowId flow) {
    Instant now = clock.instant();
    if (!locks.acquire(flow, holder, now, now.plus(LEASE))) {
      throw ComptoirException.conflict("flow %s: its run lease was taken over", flow);
    }
  }

  /** The files of the drop zone that match and are complete, by name. */
  List<Path> completeFiles(Path directory, FileDropSource drop) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + drop.pattern());
    List<Path> files = new ArrayList<>();
    Instant stableBefore = clock.instant().minus(drop.stableFor());
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
            || name.startsWith(".")
            || name.endsWith(".error.txt")
            || drop.markerSuffix().map(name::endsWith).orElse(false)
            || !matcher.matches(entry.getFileName())) {
          continue;
        }
        boolean complete =
            drop.markerSuffix().isPresent()
                ? Files.exists(directory.resolve(name + drop.markerSuffix().get()))
                : Files.getLastModifiedTime(entry).toInstant().isBefore(stableBefore);
        if (complete) {
          files.add(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list drop zone " + directory, e);
    }
    files.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
    return files;
  }

  /** Moves a file (and its marker) to archive/ or error/, stamped so that names never clash. */
  private void setAside(FileDropSource drop, Path file, Path target, Optional<String> error) {
    try {
      Files.createDirectories(target);
      String stamped = STAMP.format(clock.instant()) + "-" + file.getFileName();
      if (error.isPresent()) {
        Files.writeString(
            target.resolve(stamped + ".error.txt"), error.get() + "\n", StandardCharsets.UTF_8);
      }
      Files.move(file, target.resolve(stamped), StandardCopyOption.ATOMIC_MOVE);
      if (drop.markerSuffix().isPresent()) {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + drop.markerSuffix().get()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + file + " to " + target, e);
    }
  }
}

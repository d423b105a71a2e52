package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.SourceFiles;
import io.comptoir.ingest.SourceOptions;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A partner's drop zone: each complete file matching the pattern is one batch, its progress the
 * file's SHA-256. Done files go to {@code archive/}, failed ones to {@code error/} with a {@code
 * .error.txt} saying why; both are stamped with the time so that names never clash.
 */
public final class DropZoneReader implements SourceReader {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final FileDropSource source;
  private final Path directory;
  private final Clock clock;
  private final Deque<Path> files;

  public DropZoneReader(
      FlowDefinition flow, FileDropSource source, Path dataDirectory, Clock clock) {
    this.source = requireNonNull(source, "source is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.directory = dataDirectory.resolve(source.directory()).normalize();
    if (!Files.isDirectory(directory)) {
      throw ComptoirException.invalidInput(
          "flow %s: drop zone %s does not exist or is not a directory", flow.id(), directory);
    }
    this.files = new ArrayDeque<>(completeFiles(source, directory, clock));
  }

  /** Whether the drop zone holds a complete file now (the file-arrival trigger asks). */
  public static boolean anyReady(FileDropSource source, Path dataDirectory, Clock clock) {
    Path directory = dataDirectory.resolve(source.directory()).normalize();
    return Files.isDirectory(directory) && !completeFiles(source, directory, clock).isEmpty();
  }

  /**
   * Moves the newest copy of a file set aside in {@code error/} back into the drop zone (with its
   * marker when the zone uses one), so that the next run reads it again.
   *
   * @throws ComptoirException NOT_FOUND when no such file is in {@code error/}, CONFLICT when a
   *     file of that name is in the drop zone already
   */
  public static void restore(FileDropSource source, Path dataDirectory, String name) {
    Path directory = dataDirectory.resolve(source.directory()).normalize();
    Path errors = directory.resolve("error");
    Path target = directory.resolve(name).normalize();
    if (!target.getParent().equals(directory)) {
      throw ComptoirException.invalidInput("'%s' is not a file name of the drop zone", name);
    }
    Optional<Path> newest;
    try (var files = Files.list(errors)) {
      newest =
          files
              .filter(p -> p.getFileName().toString().matches("\\d{8}T\\d{9}Z-.*"))
              .filter(p -> p.getFileName().toString().substring(20).equals(name))
              .max(Comparator.comparing(p -> p.getFileName().toString()));
    } catch (java.nio.file.NoSuchFileException e) {
      newest = Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + errors, e);
    }
    Path found =
        newest.orElseThrow(
            () -> new io.comptoir.common.NotFoundException("file set aside in " + errors, name));
    if (Files.exists(target)) {
      throw ComptoirException.conflict(
          "%s is in the drop zone already: it will be read by the next run", name);
    }
    try {
      Files.move(found, target, StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(found.resolveSibling(found.getFileName() + ".error.txt"));
      if (source.markerSuffix().isPresent()) {
        Files.writeString(directory.resolve(name + source.markerSuffix().get()), "");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + found + " back to " + directory, e);
    }
  }

  @Override
  public boolean independentBatches() {
    return true;
  }

  @Override
  public Optional<SourceBatch> next(Map<String, String> committed) {
    while (!files.isEmpty()) {
      Path file = files.poll();
      if (Files.isRegularFile(file)) {
        return Optional.of(new FileBatch(file, SourceFiles.sha256(file, ProgressListener.NONE)));
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {}

  private final class FileBatch implements SourceBatch {
    private final Path file;
    private final String key;

    FileBatch(Path file, String checksum) {
      this.file = file;
      this.key = "file:" + checksum;
    }

    @Override
    public Path file() {
      return file;
    }

    @Override
    public String name() {
      return file.getFileName().toString();
    }

    @Override
    public SourceOptions options() {
      return source.options();
    }

    @Override
    public Map<String, String> progress() {
      return Map.of(key, name());
    }

    @Override
    public boolean ingestedBefore(Map<String, String> committed) {
      return committed.containsKey(key);
    }

    @Override
    public void done() {
      setAside(file, directory.resolve("archive"), Optional.empty());
    }

    @Override
    public void failed(String reason) {
      setAside(file, directory.resolve("error"), Optional.of(reason));
    }
  }

  /** The files that match and are complete, by name. */
  private static List<Path> completeFiles(FileDropSource source, Path directory, Clock clock) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + source.pattern());
    List<Path> complete = new ArrayList<>();
    Instant stableBefore = clock.instant().minus(source.stableFor());
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
            || name.startsWith(".")
            || name.endsWith(".error.txt")
            || source.markerSuffix().map(name::endsWith).orElse(false)
            || !matcher.matches(entry.getFileName())) {
          continue;
        }
        boolean ready =
            source.markerSuffix().isPresent()
                ? Files.exists(directory.resolve(name + source.markerSuffix().get()))
                : Files.getLastModifiedTime(entry).toInstant().isBefore(stableBefore);
        if (ready) {
          complete.add(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list drop zone " + directory, e);
    }
    complete.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return complete;
  }

  private void setAside(Path file, Path target, Optional<String> error) {
    try {
      Files.createDirectories(target);
      String stamped = STAMP.format(clock.instant()) + "-" + file.getFileName();
      if (error.isPresent()) {
        Files.writeString(
            target.resolve(stamped + ".error.txt"), error.get() + "\n", StandardCharsets.UTF_8);
      }
      Files.move(file, target.resolve(stamped), StandardCopyOption.ATOMIC_MOVE);
      if (source.markerSuffix().isPresent()) {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + source.markerSuffix().get()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + file + " to " + target, e);
    }
  }
}

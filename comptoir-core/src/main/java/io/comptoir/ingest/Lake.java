package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of immutable Parquet files. Layout: {@code _staging/<run>/} for work in progress,
 * {@code <product>/data/<run>-<n>.parquet} for data files and {@code
 * <product>/quarantine/<run>.parquet} for rejected rows. A file placed here is visible to readers
 * only once a committed version (or run) references it.
 */
public final class Lake {
  private static final Logger log = LoggerFactory.getLogger(Lake.class);
  private static final String STAGING = "_staging";

  private final Path root;

  public Lake(Path root) {
    this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root.resolve(STAGING));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create lake directory " + root, e);
    }
  }

  public Path root() {
    return root;
  }

  public Path resolve(String relativePath) {
    Path path = root.resolve(relativePath).normalize();
    if (!path.startsWith(root)) {
      throw ComptoirException.invalidInput("path escapes the lake: %s", relativePath);
    }
    return path;
  }

  public String relativize(Path path) {
    return root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** A fresh, empty staging directory for a run. */
  public Path createStagingDirectory(RunId run) {
    Path directory = root.resolve(STAGING).resolve(run.value());
    try {
      deleteRecursively(directory);
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create staging directory " + directory, e);
    }
  }

  public void deleteStagingDirectory(RunId run) {
    try {
      deleteRecursively(root.resolve(STAGING).resolve(run.value()));
    } catch (IOException e) {
      log.warn("cannot delete staging directory of run {}: {}", run, e.toString());
    }
  }

  /** Moves staged data files to their final place; returns them relative to the lake. */
  public List<DataFile> publishData(ProductId product, List<StagedData.StagedFile> staged) {
    Path directory = root.resolve(product.value()).resolve("data");
    List<DataFile> published = new ArrayList<>();
    for (StagedData.StagedFile file : staged) {
      Path target = directory.resolve(file.path().getFileName().toString());
      move(file.path(), target);
      published.add(new DataFile(relativize(target), file.rows(), file.bytes()));
    }
    return published;
  }

  /** Moves a staged quarantine file to its final place; returns its path relative to the lake. */
  public String publishQuarantine(ProductId product, RunId run, Path staged) {
    Path target = root.resolve(product.value()).resolve("quarantine").resolve(run + ".parquet");
    move(staged, target);
    return relativize(target);
  }

  private static void move(Path source, Path target) {
    try {
      Files.createDirectories(target.getParent());
      try {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(source, target);
      }
    } catch (IOException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "cannot move " + source + " to " + target + ": " + e, e);
    }
  }

  /**
   * Removes staging directories and every Parquet file that no committed version or run references:
   * the leftovers of a crash between file placement and metadata commit.
   *
   * @return the number of files removed
   */
  public int removeOrphans(Set<String> referenced) {
    int[] removed = {0};
    try {
      deleteRecursively(root.resolve(STAGING));
      Files.createDirectories(root.resolve(STAGING));
      try (Stream<Path> products = Files.list(root)) {
        for (Path product : products.filter(Files::isDirectory).toList()) {
          if (product.getFileName().toString().equals(STAGING)) {
            continue;
          }
          Files.walkFileTree(
              product,
              new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException {
                  if (!referenced.contains(relativize(file))) {
                    log.info("removing orphan lake file {}", relativize(file));
                    Files.delete(file);
                    removed[0]++;
                  }
                  return FileVisitResult.CONTINUE;
                }
              });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the lake " + root, e);
    }
    return removed[0];
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}

package io.comptoir.engine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named pipes (FIFOs) that DuckDB's {@code COPY} writes into while a Java thread reads them, so
 * that an export streams without landing on disk. Pipes are made with {@code mkfifo} and reused:
 * one that served a clean export (its writer closed, read to the end) goes back to the pool, any
 * other is deleted. Where {@code mkfifo} is missing (not a POSIX system), {@link #acquire()} is
 * empty and the engine copies through a temporary file instead.
 */
final class Pipes {
  private static final Logger log = LoggerFactory.getLogger(Pipes.class);

  private final Path root;
  private final Path directory;
  private final ConcurrentLinkedQueue<Path> idle = new ConcurrentLinkedQueue<>();
  private final Set<Path> busy = ConcurrentHashMap.newKeySet();
  private final AtomicLong created = new AtomicLong();
  private volatile boolean supported = true;
  private volatile boolean closed;

  /**
   * Pipes in a directory of their own under {@code root}, named after this process, so that two
   * processes sharing a temporary directory (a CLI next to the server) never touch each other's.
   */
  Pipes(Path root) {
    this.root = root;
    this.directory =
        root.resolve(
            ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** A pipe nobody else uses, or empty when this system cannot make named pipes. */
  Optional<Path> acquire() {
    Optional<Path> pipe = take();
    pipe.ifPresent(busy::add);
    return pipe;
  }

  private Optional<Path> take() {
    if (closed) {
      return Optional.empty();
    }
    Path pipe = idle.poll();
    if (pipe != null) {
      return Optional.of(pipe);
    }
    if (!supported) {
      return Optional.empty();
    }
    Path created = directory.resolve("pipe-" + this.created.incrementAndGet());
    try {
      Files.createDirectories(directory);
      Files.deleteIfExists(created);
      Process mkfifo =
          new ProcessBuilder("mkfifo", "-m", "600", created.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(mkfifo.getInputStream().readAllBytes()).strip();
      if (!mkfifo.waitFor(30, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
        throw new IOException("mkfifo failed: " + output);
      }
      return Optional.of(created);
    } catch (IOException e) {
      supported = false;
      log.warn("cannot make named pipes ({}): exports go through temporary files", e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Returns a pipe whose writer closed and whose reader read it to the end. */
  void release(Path pipe) {
    busy.remove(pipe);
    if (closed) {
      discard(pipe);
    } else {
      idle.add(pipe);
    }
  }

  /** Deletes a pipe that may still hold data or a writer. */
  void discard(Path pipe) {
    busy.remove(pipe);
    try {
      Files.deleteIfExists(pipe);
    } catch (IOException e) {
      log.warn("cannot delete the pipe {}: {}", pipe, e.toString());
    }
  }

  /**
   * Opens and closes the pipe for reading and writing, which never blocks: a reader still waiting
   * for a writer that never came (the COPY failed before opening the pipe) then sees the end.
   */
  static void wakeReader(Path pipe) {
    try {
      new RandomAccessFile(pipe.toFile(), "rw").close();
    } catch (IOException e) {
      log.warn("cannot wake the reader of {}: {}", pipe, e.toString());
    }
  }

  /** Deletes the pipe directories of processes that are gone (killed before they closed). */
  void clearStale() {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> directories = Files.list(root)) {
      for (Path stale : directories.toList()) {
        String name = stale.getFileName().toString();
        int dash = name.indexOf('-');
        if (dash > 0 && !alive(name.substring(0, dash))) {
          deleteDirectory(stale);
        }
      }
    } catch (IOException e) {
      log.warn("cannot clear {}: {}", root, e.toString());
    }
  }

  private static boolean alive(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /**
   * Wakes the readers of the pipes in use (an export cut short by the engine closing must not leave
   * its reader waiting forever for a writer) and deletes the idle pipes; a pipe in use is deleted
   * when its export ends.
   */
  void close() {
    closed = true;
    for (Path pipe : busy) {
      wakeReader(pipe);
    }
    Path pipe;
    while ((pipe = idle.poll()) != null) {
      discard(pipe);
    }
    if (busy.isEmpty()) {
      deleteDirectory(directory);
    }
  }

  private static void deleteDirectory(Path directory) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", directory, e.toString());
    }
  }
}

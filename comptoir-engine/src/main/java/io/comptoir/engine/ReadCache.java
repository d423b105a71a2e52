package io.comptoir.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The output of small governed reads, kept in memory by what determines it: the compiled SQL, its
 * bound parameters (the contract's HMAC pads among them, so two contracts never share an entry),
 * the output format and the size and modification time of every file read. A version's files never
 * change (a new version writes new files), so an entry cannot go stale; the file attributes are
 * checked anyway. Only the query is saved: the caller checks the contract, audits and counts every
 * read, cached or not.
 *
 * <p>Keys are SHA-256 digests: the pads, which derive from the contract's secret key, are not kept.
 * Entries are evicted least recently used first when the total exceeds the capacity. Concurrent
 * misses of one key run one query; the others wait for its result.
 */
final class ReadCache {
  /** What a cached read wrote, and its row count. */
  record Entry(byte[] bytes, long rows) {
    long size() {
      return bytes.length + 64L;
    }
  }

  /** A digest of everything that determines a read's output. */
  record Key(byte[] digest) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Arrays.equals(digest, key.digest);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
      return HexFormat.of().formatHex(digest, 0, 8);
    }
  }

  /** Runs the query for a miss: its output, or empty when too large to keep. */
  @FunctionalInterface
  interface Loader {
    Optional<Entry> load() throws IOException, java.sql.SQLException;
  }

  private final long capacityBytes;
  private final long entryLimitBytes;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<Key, CompletableFuture<Optional<Entry>>> loading = new ConcurrentHashMap<>();
  private long sizeBytes;
  private long hits;
  private long misses;

  /**
   * @param capacityBytes total size kept; 0 keeps nothing
   * @param entryLimitBytes the largest output kept
   */
  ReadCache(long capacityBytes, long entryLimitBytes) {
    if (capacityBytes < 0 || entryLimitBytes < 0) {
      throw new IllegalArgumentException("cache sizes must be >= 0");
    }
    this.capacityBytes = capacityBytes;
    this.entryLimitBytes = Math.min(entryLimitBytes, capacityBytes);
  }

  boolean enabled() {
    return capacityBytes > 0;
  }

  long entryLimitBytes() {
    return entryLimitBytes;
  }

  static Key key(GovernedSql.Compiled compiled, String format, List<Path> files)
      throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    update(digest, format);
    update(digest, compiled.sql());
    for (Object parameter : compiled.parameters()) {
      if (parameter instanceof byte[] bytes) {
        update(digest, "b" + bytes.length);
        digest.update(bytes);
      } else {
        update(digest, parameter.getClass().getSimpleName() + ":" + parameter);
      }
    }
    for (Path file : files) {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      update(
          digest, file + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis());
    }
    return new Key(digest.digest());
  }

  private static void update(MessageDigest digest, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update(
        new byte[] {
          (byte) (bytes.length >>> 24),
          (byte) (bytes.length >>> 16),
          (byte) (bytes.length >>> 8),
          (byte) bytes.length
        });
    digest.update(bytes);
  }

  /**
   * The cached output for {@code key}, or the loader's, kept when it fits. Empty when the output is
   * too large to keep: the caller then runs the read itself. A loader's failure is thrown to its
   * caller only; callers that waited on it run their own.
   */
  Optional<Entry> get(Key key, Loader loader) throws IOException, java.sql.SQLException {
    synchronized (this) {
      Entry entry = entries.get(key);
      if (entry != null) {
        hits++;
        return Optional.of(entry);
      }
      misses++;
    }
    CompletableFuture<Optional<Entry>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<Entry>> running = loading.putIfAbsent(key, mine);
    if (running != null) {
      try {
        return running.get();
      } catch (ExecutionException e) {
        return Optional.empty(); // its caller reports the failure; this one runs the read again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the same read", e);
      }
    }
    try {
      Optional<Entry> loaded = loader.load();
      loaded.ifPresent(entry -> put(key, entry));
      mine.complete(loaded);
      return loaded;
    } catch (IOException | java.sql.SQLException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(key, mine);
    }
  }

  private synchronized void put(Key key, Entry entry) {
    if (entry.size() > entryLimitBytes) {
      return;
    }
    Entry previous = entries.put(key, entry);
    if (previous != null) {
      sizeBytes -= previous.size();
    }
    sizeBytes += entry.size();
    Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
    while (sizeBytes > capacityBytes && eldest.hasNext()) {
      sizeBytes -= eldest.next().getValue().size();
      eldest.remove();
    }
  }

  synchronized long sizeBytes() {
    return sizeBytes;
  }

  synchronized int count() {
    return entries.size();
  }

  synchronized long hits() {
    return hits;
  }

  synchronized long misses() {
    return misses;
  }
}

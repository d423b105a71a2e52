package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Profiles committed versions one at a time, in the order they were committed, on a background
 * thread: an ingestion returns once its version is committed and readable, and its profile (then
 * its drift) follows. One thread keeps the order that histogram edges need (a version is binned
 * like the version before it) and leaves the other core to the next ingestion.
 *
 * <p>A profile that fails is logged and leaves its version without a profile; so does a process
 * that stops before the queue is drained. {@code comptoir profile backfill}, and the server at
 * start, profile such versions again.
 */
final class ProfileQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProfileQueue.class);

  /** How long the profiler's thread waits idle before it ends (a new one starts for more work). */
  static final Duration IDLE = Duration.ofSeconds(30);

  /**
   * One thread at most, started on the first version queued and ended after {@link #IDLE} without
   * work, so that an ingestion service that is never closed does not keep a thread for nothing; the
   * queue is first in, first out, so versions are still profiled in the order queued.
   */
  private final ThreadPoolExecutor executor;

  private final ConcurrentHashMap<VersionKey, CompletableFuture<Optional<VersionProfile>>> pending =
      new ConcurrentHashMap<>();
  private final Duration drain;

  /**
   * @param drain how long closing waits for the profiles queued to be computed
   */
  ProfileQueue(Duration drain) {
    this(drain, IDLE);
  }

  ProfileQueue(Duration drain, Duration idle) {
    this.drain = requireNonNull(drain, "drain is null");
    executor =
        new ThreadPoolExecutor(
            1,
            1,
            idle.toNanos(),
            TimeUnit.NANOSECONDS,
            new LinkedBlockingQueue<>(),
            work -> {
              Thread thread = new Thread(work, "comptoir-profiler");
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
  }

  /** The profiler's threads alive: 0 or 1, for tests. */
  int threads() {
    return executor.getPoolSize();
  }

  /**
   * Queues the profile of a version, unless it is queued already; the future completes with the
   * stored profile, or empty when it failed (never exceptionally).
   */
  CompletableFuture<Optional<VersionProfile>> submit(
      VersionKey key, Supplier<VersionProfile> work) {
    requireNonNull(work, "work is null");
    CompletableFuture<Optional<VersionProfile>> created = new CompletableFuture<>();
    CompletableFuture<Optional<VersionProfile>> existing = pending.putIfAbsent(key, created);
    if (existing != null) {
      return existing;
    }
    try {
      executor.execute(() -> run(key, work, created));
    } catch (RejectedExecutionException e) {
      log.warn("not profiling {}: the profiler is stopped; it is left for the next backfill", key);
      pending.remove(key, created);
      created.complete(Optional.empty());
    }
    return created;
  }

  private void run(
      VersionKey key,
      Supplier<VersionProfile> work,
      CompletableFuture<Optional<VersionProfile>> f) {
    Optional<VersionProfile> profile = Optional.empty();
    long start = System.nanoTime();
    try {
      profile = Optional.of(work.get());
      log.info("profiled {} in {} ms", key, (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      log.warn("cannot profile {}: {}", key, IngestionService.messageOf(e));
    } finally {
      pending.remove(key, f);
      f.complete(profile);
    }
  }

  /** The profile of a version being computed or waiting its turn. */
  Optional<CompletableFuture<Optional<VersionProfile>>> pending(VersionKey key) {
    return Optional.ofNullable(pending.get(key));
  }

  /**
   * Takes no more work, waits for what is queued (up to the drain time), then interrupts what is
   * left: those versions stay without a profile until profiled again.
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn(
            "{} profile(s) not done after {} s; they are left for `comptoir profile backfill`",
            pending.size(),
            drain.toSeconds());
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}

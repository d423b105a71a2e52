package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadCacheTest {
  @TempDir Path directory;

  static ReadCache.Key key(int n) {
    byte[] digest = new byte[32];
    digest[0] = (byte) n;
    return new ReadCache.Key(digest);
  }

  static ReadCache.Entry entry(int size) {
    return new ReadCache.Entry(new byte[size], 1);
  }

  static void await(CountDownLatch latch) throws IOException {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IOException("never released");
      }
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }

  @Test
  void concurrentMissesOfOneKeyRunOneQuery() throws Exception {
    ReadCache cache = new ReadCache(1_000_000, 1_000);
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Optional<ReadCache.Entry>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () ->
                    cache.get(
                        key(1),
                        () -> {
                          loads.incrementAndGet();
                          await(release);
                          return Optional.of(entry(10));
                        })));
      }
      // the first loader waits for the latch: every other call is then a miss waiting on it
      while (cache.misses() < 8) {
        Thread.onSpinWait();
      }
      release.countDown();
      for (Future<Optional<ReadCache.Entry>> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isPresent();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(loads.get()).isEqualTo(1);
    assertThat(cache.get(key(1), () -> Optional.empty())).isPresent();
    assertThat(cache.hits()).isEqualTo(1);
  }

  @Test
  void evictsTheLeastRecentlyUsedBeyondItsCapacity() throws Exception {
    ReadCache cache = new ReadCache(3 * (100 + 64), 1_000);
    for (int i = 1; i <= 3; i++) {
      cache.get(key(i), () -> Optional.of(entry(100)));
    }
    cache.get(key(1), () -> Optional.of(entry(100))); // 1 used: 2 is now the eldest
    cache.get(key(4), () -> Optional.of(entry(100)));

    assertThat(cache.count()).isEqualTo(3);
    assertThat(cache.sizeBytes()).isEqualTo(3 * (100 + 64));
    AtomicInteger loads = new AtomicInteger();
    cache.get(key(1), () -> Optional.of(entry(loads.incrementAndGet())));
    cache.get(key(3), () -> Optional.of(entry(loads.incrementAndGet())));
    assertThat(loads.get()).as("1 and 3 kept").isZero();
    cache.get(key(2), () -> Optional.of(entry(loads.incrementAndGet())));
    assertThat(loads.get()).as("2 evicted").isEqualTo(1);
  }

  @Test
  void keepsNoOutputLargerThanItsEntryLimit() throws Exception {
    ReadCache cache = new ReadCache(1_000_000, 1_000);
    cache.get(key(1), () -> Optional.of(entry(5_000)));
    assertThat(cache.count()).isZero();
    assertThat(cache.sizeBytes()).isZero();
  }

  @Test
  void aFailedQueryIsNotCachedAndIsThrownToItsCaller() {
    ReadCache cache = new ReadCache(1_000_000, 1_000);
    assertThatThrownBy(
            () ->
                cache.get(
                    key(1),
                    () -> {
                      throw new IOException("disk full");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");
    assertThat(cache.count()).isZero();
  }

  @Test
  void theKeyChangesWithTheSqlTheParametersTheFormatAndTheFiles() throws Exception {
    Path file = directory.resolve("v1.parquet");
    Files.writeString(file, "one", StandardCharsets.UTF_8);
    GovernedSql.Compiled compiled = new GovernedSql.Compiled("SELECT ?", List.of("a"));
    ReadCache.Key base = ReadCache.key(compiled, "CSV", List.of(file));

    assertThat(ReadCache.key(compiled, "CSV", List.of(file))).isEqualTo(base);
    assertThat(
            ReadCache.key(new GovernedSql.Compiled("SELECT ?", List.of("b")), "CSV", List.of(file)))
        .isNotEqualTo(base);
    assertThat(
            ReadCache.key(
                new GovernedSql.Compiled("SELECT ?", List.of(new byte[] {1, 2})),
                "CSV",
                List.of(file)))
        .isNotEqualTo(
            ReadCache.key(
                new GovernedSql.Compiled("SELECT ?", List.of(new byte[] {1, 3})),
                "CSV",
                List.of(file)));
    assertThat(
            ReadCache.key(
                new GovernedSql.Compiled("SELECT ? ", List.of("a")), "CSV", List.of(file)))
        .isNotEqualTo(base);
    assertThat(ReadCache.key(compiled, "JSONL", List.of(file))).isNotEqualTo(base);
    Files.writeString(file, "three", StandardCharsets.UTF_8);
    assertThat(ReadCache.key(compiled, "CSV", List.of(file))).isNotEqualTo(base);
  }
}

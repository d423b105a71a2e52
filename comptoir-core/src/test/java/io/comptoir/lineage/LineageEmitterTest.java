package io.comptoir.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.ProductId;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.RunId;
import io.comptoir.ingest.WriteMode;
import io.comptoir.quality.QualityFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The emitter never blocks its callers: a full queue drops and counts; events keep their order. */
class LineageEmitterTest {
  private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

  /** Stores events in memory; the first save waits for the latch. */
  private static final class SlowRepository implements LineageRepository {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch saving = new CountDownLatch(1);
    final List<LineageEvent> saved = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> transactions = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void saveAll(List<Saved> events) {
      transactions.add(events.size());
      for (Saved one : events) {
        save(one.event(), one.json(), one.receivedAt(), one.origin());
      }
    }

    @Override
    public void save(LineageEvent event, String json, Instant receivedAt, String origin) {
      saving.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      saved.add(event);
    }

    @Override
    public List<JobEdge> edgesOfDatasets(Collection<DatasetRef> datasets) {
      return List.of();
    }

    @Override
    public List<JobEdge> edgesOfJobs(Collection<JobRef> jobs) {
      return List.of();
    }

    @Override
    public List<ColumnEdge> columnEdges(Collection<DatasetRef> datasets) {
      return List.of();
    }

    @Override
    public List<StoredEvent> events(Optional<JobRef> job, int limit) {
      return List.of();
    }
  }

  /** An emitter storing in {@code repository}, with room for {@code capacity} queued events. */
  private static IngestionRun startedRun(int file) {
    return IngestionRun.started(
        RunId.random(),
        ProductId.of("colis"),
        file + ".csv",
        "ab".repeat(32),
        1,
        WriteMode.APPEND,
        T0);
  }

  private static LineageEmitter emitter(SlowRepository repository, int capacity) {
    return emitter(repository, capacity, LineageEmitter.LINGER);
  }

  private static LineageEmitter emitter(SlowRepository repository, int capacity, Duration linger) {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    LineageService service =
        new LineageService(
            repository,
            (p, id) -> ProductVisibility.Verdict.VISIBLE,
            LineageForwarding.NONE,
            "comptoir",
            clock);
    return new LineageEmitter(
        service,
        new OpenLineageEvents("comptoir", "http://localhost:8080"),
        new IngestionSources(flow -> Optional.empty(), "host", java.nio.file.Path.of(".")),
        QualityFacts.NONE,
        id -> {
          throw new IllegalStateException("no contract");
        },
        clock,
        capacity,
        linger);
  }

  @Test
  void dropsAndCountsWhenTheQueueIsFullAndKeepsTheOrderOfTheRest() throws InterruptedException {
    SlowRepository repository = new SlowRepository();
    try (LineageEmitter emitter = emitter(repository, 1)) {
      IngestionRun run =
          IngestionRun.started(
              RunId.random(),
              ProductId.of("colis"),
              "a.csv",
              "ab".repeat(32),
              1,
              WriteMode.APPEND,
              T0);
      emitter.started(run);
      assertThat(repository.saving.await(10, TimeUnit.SECONDS)).isTrue();
      emitter.failed(run.failed(T0.plusSeconds(1), "boom"));
      emitter.failed(run.failed(T0.plusSeconds(2), "dropped"));
      assertThat(emitter.dropped()).isEqualTo(1);
      repository.release.countDown();
      assertThat(emitter.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(emitter.emitted()).isEqualTo(2);
      assertThat(repository.saved)
          .extracting(LineageEvent::eventType)
          .containsExactly("START", "FAIL");
      assertThat(emitter.failed()).isZero();
    }
  }

  @Test
  void storesTheEventsQueuedMeanwhileInOneTransactionInTheirOrder() throws InterruptedException {
    SlowRepository repository = new SlowRepository();
    try (LineageEmitter emitter = emitter(repository, 1000)) {
      List<IngestionRun> runs = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        runs.add(startedRun(i));
      }
      emitter.started(runs.get(0));
      assertThat(repository.saving.await(10, TimeUnit.SECONDS)).isTrue();
      for (IngestionRun run : runs.subList(1, runs.size())) {
        emitter.started(run);
      }
      repository.release.countDown();
      assertThat(emitter.awaitIdle(Duration.ofSeconds(10))).isTrue();

      assertThat(emitter.emitted()).isEqualTo(300);
      assertThat(emitter.dropped()).isZero();
      List<Integer> expected = new ArrayList<>(List.of(1));
      // the 299 queued meanwhile, taken 256 at most at a time, stored 32 at most per transaction
      for (int taken : List.of(LineageEmitter.BATCH, 299 - LineageEmitter.BATCH)) {
        for (int left = taken; left > 0; left -= LineageEmitter.TRANSACTION) {
          expected.add(Math.min(left, LineageEmitter.TRANSACTION));
        }
      }
      assertThat(repository.transactions)
          .as("the first alone, then the 299 queued meanwhile, 32 at most per transaction")
          .containsExactlyElementsOf(expected);
      assertThat(repository.saved)
          .extracting(event -> event.runId().orElseThrow())
          .containsExactlyElementsOf(runs.stream().map(run -> run.id().value()).toList());
    }
  }

  @Test
  void letsTheEventsOfAQuietMomentGatherBeforeStoringThemTogether() throws InterruptedException {
    SlowRepository repository = new SlowRepository();
    repository.release.countDown();
    // a linger far longer than queueing ten events takes, so that the test cannot race it
    try (LineageEmitter emitter = emitter(repository, 1000, Duration.ofSeconds(2))) {
      for (int i = 0; i < 10; i++) {
        emitter.started(startedRun(i));
      }
      assertThat(emitter.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(emitter.emitted()).isEqualTo(10);
      assertThat(repository.transactions)
          .as("the first event waited for the nine queued right after it")
          .containsExactly(10);
    }
  }
}

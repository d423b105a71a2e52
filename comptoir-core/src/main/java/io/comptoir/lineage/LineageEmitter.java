package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ShortCache;
import io.comptoir.contract.ContractId;
import io.comptoir.contract.DataRequest;
import io.comptoir.contract.ExportSummary;
import io.comptoir.contract.GovernedColumn;
import io.comptoir.contract.GovernedReadService;
import io.comptoir.contract.UsageContract;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.Version;
import io.comptoir.quality.QualityFacts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits Comptoir's own lineage events off the caller's thread: ingestion and reads only queue a
 * small task (a bounded queue); one background thread builds each event, stores it and forwards it.
 * When the queue is full the event is dropped and counted ({@link #dropped()}), never lost
 * silently; a task that fails is logged and counted ({@link #failed()}). Events of one run keep
 * their order.
 */
public final class LineageEmitter implements IngestionLineage, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LineageEmitter.class);
  private static final Task STOP = new Task("stop", () -> Map.of());

  private record Task(String what, Supplier<Map<String, Object>> event) {}

  /** The most events the worker takes at once. */
  static final int BATCH = 256;

  /**
   * The most events stored in one transaction: the store's SQLite connection is the one every
   * read's audit record waits for, so lineage holds it for short transactions, one after another.
   */
  static final int TRANSACTION = 32;

  /**
   * How long the worker lets events gather after the first one before it stores them: under
   * hundreds of reads a second, one wake-up and one transaction for many events instead of a few
   * each time (the store's single SQLite connection is then held less often by lineage).
   */
  static final Duration LINGER = Duration.ofMillis(50);

  private final LineageService service;
  private final OpenLineageEvents events;
  private final IngestionSources sources;
  private final QualityFacts quality;
  private final Function<ContractId, UsageContract> contracts;
  private final Clock clock;
  private final BlockingQueue<Task> queue;
  private final AtomicLong emitted = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final Object idle = new Object();
  private final Thread worker;
  private final Duration linger;

  /**
   * How long a contract looked up for the events of reads is used again. What a read's event takes
   * from it (the consumer, the purpose) is set when the contract is requested and does not change
   * while it is in force; the read itself was checked against the contract as it is now.
   */
  static final Duration CONTRACT_LIFETIME = Duration.ofSeconds(10);

  /** Contracts looked up, each used again for {@link #CONTRACT_LIFETIME}. */
  private final ShortCache<ContractId, UsageContract> contractsSeen =
      new ShortCache<>(CONTRACT_LIFETIME, 1024);

  private volatile boolean closed;

  /**
   * @param contracts loads a usage contract, for the facet of a governed read
   * @param capacity how many events may wait; more are dropped and counted
   */
  public LineageEmitter(
      LineageService service,
      OpenLineageEvents events,
      IngestionSources sources,
      QualityFacts quality,
      Function<ContractId, UsageContract> contracts,
      Clock clock,
      int capacity) {
    this(service, events, sources, quality, contracts, clock, capacity, LINGER);
  }

  /** As above, with the time events gather before they are stored ({@link #LINGER}). */
  LineageEmitter(
      LineageService service,
      OpenLineageEvents events,
      IngestionSources sources,
      QualityFacts quality,
      Function<ContractId, UsageContract> contracts,
      Clock clock,
      int capacity,
      Duration linger) {
    this.linger = requireNonNull(linger, "linger is null");
    this.service = requireNonNull(service, "service is null");
    this.events = requireNonNull(events, "events is null");
    this.sources = requireNonNull(sources, "sources is null");
    this.quality = requireNonNull(quality, "quality is null");
    this.contracts = requireNonNull(contracts, "contracts is null");
    this.clock = requireNonNull(clock, "clock is null");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.worker = new Thread(this::work, "comptoir-lineage");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void started(IngestionRun run) {
    submit("start of run " + run.id(), () -> events.ingestionStart(run, sources.of(run)));
  }

  @Override
  public void failed(IngestionRun run) {
    submit("failure of run " + run.id(), () -> events.ingestionFail(run, sources.of(run)));
  }

  @Override
  public void completed(IngestionRun run, Version version) {
    submit(
        "end of run " + run.id(),
        () ->
            events.ingestionComplete(
                run,
                sources.of(run),
                version,
                quality.results(version.product(), version.number())));
  }

  /**
   * A governed read streamed its rows: queues its event (the contract is loaded off the read's
   * thread).
   */
  public void read(
      DataRequest request, GovernedReadService.PreparedRead read, ExportSummary summary) {
    java.time.Instant time = clock.instant();
    List<String> columns = new ArrayList<>();
    Map<String, String> masking = new LinkedHashMap<>();
    for (GovernedColumn column : read.query().output()) {
      columns.add(column.name());
      masking.put(column.name(), column.masking().name());
    }
    ContractId contractId = read.contract();
    int version = read.version().number();
    submit(
        "read under contract " + contractId.value(),
        () -> {
          UsageContract contract = contractsSeen.get(contractId, contracts);
          return events.governedRead(
              new OpenLineageEvents.Read(
                  UUID.randomUUID().toString(),
                  time,
                  contractId.value(),
                  request.product().value(),
                  version,
                  request.reader(),
                  request.application(),
                  contract.consumer().entity(),
                  contract.purpose().description(),
                  contract.purpose().category().name(),
                  contract.purpose().legalBasis().name(),
                  masking,
                  summary.rows()),
              columns);
        });
  }

  private void submit(String what, Supplier<Map<String, Object>> event) {
    if (closed) {
      dropped.incrementAndGet();
      log.warn("lineage is stopped: the event of the {} is dropped", what);
      return;
    }
    pending.incrementAndGet();
    if (!queue.offer(new Task(what, event))) {
      done();
      long count = dropped.incrementAndGet();
      log.warn("lineage queue is full: the event of the {} is dropped ({} so far)", what, count);
    }
  }

  private void work() {
    List<Task> batch = new ArrayList<>(BATCH);
    while (true) {
      batch.clear();
      boolean interrupted = false;
      try {
        batch.add(queue.take());
        if (batch.get(0) != STOP && queue.size() < BATCH - 1) {
          Thread.sleep(linger.toMillis());
        }
      } catch (InterruptedException e) {
        if (batch.isEmpty()) {
          Thread.currentThread().interrupt();
          return;
        }
        interrupted = true; // store what was taken, then end
      }
      queue.drainTo(batch, BATCH - batch.size());
      int stop = -1;
      for (int i = 0; i < batch.size() && stop < 0; i++) {
        if (batch.get(i) == STOP) {
          stop = i;
        }
      }
      boolean stopping = stop >= 0;
      if (stopping) {
        // nothing is queued after STOP: close() stops accepting before it queues it
        batch.subList(stop, batch.size()).clear();
      }
      handle(batch);
      if (interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
      if (stopping) {
        return;
      }
    }
  }

  /**
   * Builds the events of the tasks and stores them, {@link #TRANSACTION} at most per transaction.
   * When a transaction fails, each of its events is stored alone, so that one bad event fails
   * alone.
   */
  private void handle(List<Task> tasks) {
    List<Task> built = new ArrayList<>(tasks.size());
    List<Map<String, Object>> events = new ArrayList<>(tasks.size());
    for (Task task : tasks) {
      try {
        events.add(task.event().get());
        built.add(task);
      } catch (RuntimeException e) {
        failed(task, e);
      }
    }
    for (int from = 0; from < events.size(); from += TRANSACTION) {
      int to = Math.min(events.size(), from + TRANSACTION);
      store(built.subList(from, to), events.subList(from, to));
    }
  }

  private void store(List<Task> built, List<Map<String, Object>> events) {
    try {
      service.recordEmittedAll(events);
      emitted.addAndGet(events.size());
      built.forEach(task -> done());
      return;
    } catch (RuntimeException e) {
      if (events.size() == 1) {
        failed(built.get(0), e);
        return;
      }
    }
    for (int i = 0; i < built.size(); i++) {
      try {
        service.recordEmitted(events.get(i));
        emitted.incrementAndGet();
        done();
      } catch (RuntimeException e) {
        failed(built.get(i), e);
      }
    }
  }

  private void failed(Task task, RuntimeException e) {
    failed.incrementAndGet();
    log.warn("cannot emit the lineage event of the {}: {}", task.what(), e.getMessage(), e);
    done();
  }

  private void done() {
    if (pending.decrementAndGet() == 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  /** Waits until every queued event is handled; false when the time ran out. */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (pending.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(idle, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  public long emitted() {
    return emitted.get();
  }

  public long dropped() {
    return dropped.get();
  }

  public long failed() {
    return failed.get();
  }

  public int queued() {
    return queue.size();
  }

  /** Handles what is queued (for at most a few seconds), then stops the thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    awaitIdle(Duration.ofSeconds(5));
    try {
      queue.put(STOP);
      worker.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

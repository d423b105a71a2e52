package io.comptoir.scheduling;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.flow.DropZoneReader;
import io.comptoir.flow.FileDropSource;
import io.comptoir.flow.FlowDefinition;
import io.comptoir.flow.FlowDocumentKind;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowRun;
import io.comptoir.flow.FlowRunner;
import io.comptoir.flow.FlowService;
import io.comptoir.flow.StoredFlowDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs flows when due: on their cron schedule (UTC), when a complete file is in their drop zone
 * (file-arrival trigger), and again after a failure, waiting as the flow's retries say. Paused
 * flows are left alone. A flow runs once at a time here, and once at a time across servers thanks
 * to the flow runner's lease (a run refused because another server has it is simply skipped).
 */
public final class FlowScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FlowScheduler.class);
  private static final CronParser CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** What the scheduler remembers of a flow between ticks. */
  private static final class State {
    Instant cronCheckedUntil;
    int failedAttempts;
    Optional<Instant> retryAt = Optional.empty();

    State(Instant now) {
      cronCheckedUntil = now;
    }
  }

  private final FlowService flows;
  private final FlowRunner runner;
  private final Path dataDirectory;
  private final Clock clock;
  private final Map<FlowId, State> states = new ConcurrentHashMap<>();
  private final Set<FlowId> running = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker;
  private final ExecutorService runs;

  public FlowScheduler(
      FlowService flows, FlowRunner runner, Path dataDirectory, Clock clock, int threads) {
    this.flows = requireNonNull(flows, "flows is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "comptoir-flow-scheduler"));
    this.runs =
        Executors.newFixedThreadPool(threads, runnable -> daemon(runnable, "comptoir-flow-run"));
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Looks for due flows every {@code period}, starting now. */
  public FlowScheduler start(Duration period) {
    ticker.scheduleWithFixedDelay(this::tickSafely, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.error("flow scheduler tick failed", e);
    }
  }

  /** One look at every flow: starts the runs that are due. */
  void tick() {
    Instant now = clock.instant();
    for (StoredFlowDocument document : flows.listAll()) {
      if (document.kind() != FlowDocumentKind.FLOW || running.contains(document.id())) {
        continue;
      }
      if (flows.isPaused(document.id())) {
        states.remove(document.id());
        continue;
      }
      FlowDefinition definition;
      try {
        definition = flows.definition(document);
      } catch (ComptoirException e) {
        log.warn("flow {} cannot be scheduled: {}", document.id(), e.getMessage());
        continue;
      }
      State state = states.computeIfAbsent(document.id(), id -> new State(now));
      Optional<String> reason = due(definition, state, now);
      if (reason.isPresent()) {
        running.add(document.id());
        runs.execute(() -> run(document, reason.get()));
      }
    }
  }

  private Optional<String> due(FlowDefinition definition, State state, Instant now) {
    if (state.retryAt.isPresent()) {
      if (!now.isBefore(state.retryAt.get())) {
        return Optional.of("retry " + state.failedAttempts);
      }
      return Optional.empty();
    }
    if (definition.trigger().cron().isPresent()) {
      ExecutionTime schedule = ExecutionTime.forCron(CRON.parse(definition.trigger().cron().get()));
      Optional<ZonedDateTime> next =
          schedule.nextExecution(state.cronCheckedUntil.atZone(ZoneOffset.UTC));
      state.cronCheckedUntil = now;
      if (next.isPresent() && !next.get().toInstant().isAfter(now)) {
        return Optional.of("cron " + definition.trigger().cron().get());
      }
    }
    if (definition.trigger().fileArrival()
        && definition.source() instanceof FileDropSource drop
        && DropZoneReader.anyReady(drop, dataDirectory, clock)) {
      return Optional.of("file arrival");
    }
    return Optional.empty();
  }

  private void run(StoredFlowDocument document, String reason) {
    FlowId id = document.id();
    try {
      log.info("flow {}: running ({})", id, reason);
      FlowRun run = runner.run(document);
      State state = states.get(id);
      if (state != null) {
        if (run.failed().isEmpty()) {
          state.failedAttempts = 0;
          state.retryAt = Optional.empty();
        } else {
          failed(document, state);
        }
      }
    } catch (ComptoirException e) {
      if (e.code() == ErrorCode.CONFLICT) {
        log.info("flow {}: {}", id, e.getMessage());
      } else {
        log.warn("flow {}: run failed: {}", id, e.getMessage());
        Optional.ofNullable(states.get(id)).ifPresent(state -> failed(document, state));
      }
    } catch (RuntimeException e) {
      log.error("flow {}: run failed", id, e);
      Optional.ofNullable(states.get(id)).ifPresent(state -> failed(document, state));
    } finally {
      running.remove(id);
    }
  }

  private void failed(StoredFlowDocument document, State state) {
    io.comptoir.flow.Retries retries = flows.definition(document).retries();
    state.failedAttempts++;
    if (state.failedAttempts <= retries.max()) {
      state.retryAt = Optional.of(clock.instant().plus(retries.delay(state.failedAttempts)));
      log.info(
          "flow {}: retry {} of {} at {}",
          document.id(),
          state.failedAttempts,
          retries.max(),
          state.retryAt.get());
    } else {
      log.warn("flow {}: gave up after {} retries", document.id(), retries.max());
      state.failedAttempts = 0;
      state.retryAt = Optional.empty();
    }
  }

  /** Whether a run of the flow was started by this scheduler and has not ended. */
  boolean isRunning(FlowId id) {
    return running.contains(id);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    runs.shutdown();
    try {
      if (!runs.awaitTermination(30, TimeUnit.SECONDS)) {
        runs.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runs.shutdownNow();
    }
  }
}

package io.comptoir.monitoring;

import static java.util.Objects.requireNonNull;

import io.comptoir.flow.FlowDefinition;
import io.comptoir.flow.FlowEvents;
import io.comptoir.flow.FlowRun;
import io.comptoir.ingest.Drift;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.IngestionService;
import io.comptoir.ingest.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics and alerts of flow runs: counters and timers in the registry scraped at {@code /metrics},
 * and a JSON POST to the flow's webhook when a run fails or rejects too many rows, or when a
 * version it made drifts from the previous one (a schema change, or a value drift above threshold).
 */
public final class FlowMonitoring implements FlowEvents {
  private static final Logger log = LoggerFactory.getLogger(FlowMonitoring.class);

  /** What {@code IngestionService} says when a run rejected more rows than tolerated. */
  static final String REJECT_RATE_MARK = "above the tolerated";

  private final MeterRegistry registry;
  private final Webhooks webhooks;
  private final Clock clock;
  private final IngestionService versions;
  private final Function<FlowDefinition, OptionalLong> lag;
  private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();

  /**
   * @param ingestion the versions' drift, computed after each run
   * @param lag the records a flow has still to read (Kafka flows), measured after each run
   */
  public FlowMonitoring(
      MeterRegistry registry,
      Webhooks webhooks,
      Clock clock,
      IngestionService ingestion,
      Function<FlowDefinition, OptionalLong> lag) {
    this.registry = requireNonNull(registry, "registry is null");
    this.webhooks = requireNonNull(webhooks, "webhooks is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.versions = requireNonNull(ingestion, "ingestion is null");
    this.lag = requireNonNull(lag, "lag is null");
  }

  /** Measures the flow's lag and publishes it as {@code comptoir_flow_lag_records{flow}}. */
  private void measureLag(FlowDefinition flow) {
    OptionalLong measured;
    try {
      measured = lag.apply(flow);
    } catch (RuntimeException e) {
      log.warn("cannot measure the lag of flow {}: {}", flow.id(), e.getMessage());
      return;
    }
    if (measured.isPresent()) {
      lags.computeIfAbsent(
              flow.id().value(),
              id ->
                  registry.gauge(
                      "comptoir.flow.lag.records",
                      io.micrometer.core.instrument.Tags.of("flow", id),
                      new AtomicLong()))
          .set(measured.getAsLong());
    }
  }

  @Override
  public void finished(FlowDefinition flow, FlowRun run, Duration duration) {
    String id = flow.id().value();
    String outcome = run.failed().isEmpty() ? "succeeded" : "failed";
    timer(id, outcome).record(duration);
    counter("comptoir.flow.runs", id, "outcome", outcome).increment();
    for (IngestionRun ingestion : run.runs()) {
      counter("comptoir.flow.rows", id, "kind", "read").increment(ingestion.rowsRead());
      counter("comptoir.flow.rows", id, "kind", "accepted").increment(ingestion.rowsAccepted());
      counter("comptoir.flow.rows", id, "kind", "quarantined")
          .increment(ingestion.rowsQuarantined());
      counter("comptoir.flow.bytes", id, "kind", "source").increment(ingestion.sourceBytes());
      if (ingestion.status() == RunStatus.SUCCEEDED) {
        counter(
                "comptoir.flow.versions",
                id,
                "mode",
                ingestion.mode().name().toLowerCase(java.util.Locale.ROOT))
            .increment();
        alertOnDrift(flow, ingestion);
      }
    }
    for (String failure : run.failed()) {
      counter("comptoir.flow.failures", id, "step", "ingest").increment();
      boolean rejectRate = failure.contains(REJECT_RATE_MARK);
      alert(flow, rejectRate ? "REJECT_RATE_EXCEEDED" : "RUN_FAILED", "ingest", failure);
    }
    measureLag(flow);
  }

  @Override
  public void failed(FlowDefinition flow, String step, String message, Duration duration) {
    String id = flow.id().value();
    timer(id, "failed").record(duration);
    counter("comptoir.flow.runs", id, "outcome", "failed").increment();
    counter("comptoir.flow.failures", id, "step", step).increment();
    alert(flow, "RUN_FAILED", step, message);
    measureLag(flow);
  }

  /**
   * Alerts once the version's profile is stored: the profile is computed in the background after
   * the run, so the alert follows the run by the time it takes.
   */
  private void alertOnDrift(FlowDefinition flow, IngestionRun run) {
    if (run.versionNumber().isEmpty()) {
      return;
    }
    int number = run.versionNumber().get();
    try {
      versions
          .profiled(run.product(), number)
          .thenRun(
              () -> {
                try {
                  versions
                      .drift(run.product(), number)
                      .filter(Drift::alerting)
                      .ifPresent(drift -> driftAlert(flow, drift));
                } catch (RuntimeException e) {
                  log.warn(
                      "flow {}: cannot compute the drift of run {}: {}",
                      flow.id(),
                      run.id(),
                      e.toString());
                }
              });
    } catch (RuntimeException e) {
      log.warn("flow {}: cannot read the profile of run {}: {}", flow.id(), run.id(), e.toString());
    }
  }

  /** A DRIFT event: the schema changes and the value drifts above their threshold. */
  private void driftAlert(FlowDefinition flow, Drift drift) {
    counter("comptoir.flow.drifts", flow.id().value(), "product", drift.product().value())
        .increment();
    List<String> parts = new ArrayList<>();
    drift
        .schemaChanges()
        .forEach(c -> parts.add(c.column() + " " + c.kind().name().toLowerCase(Locale.ROOT)));
    drift.valueDrifts().stream()
        .filter(Drift.ValueDrift::above)
        .forEach(
            d ->
                parts.add(
                    String.format(
                        Locale.ROOT,
                        "%s %s %.3f > %.3f",
                        d.column(),
                        d.measure().name().toLowerCase(Locale.ROOT),
                        d.value(),
                        d.threshold())));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("version", drift.version());
    extra.put("previousVersion", drift.previousVersion());
    alert(
        flow,
        "DRIFT",
        "drift",
        "version "
            + drift.version()
            + " drifts from "
            + drift.previousVersion()
            + ": "
            + String.join(", ", parts),
        extra);
  }

  private void alert(FlowDefinition flow, String event, String step, String message) {
    alert(flow, event, step, message, Map.of());
  }

  private void alert(
      FlowDefinition flow, String event, String step, String message, Map<String, Object> extra) {
    if (flow.alerts().webhook().isEmpty()) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", event);
    body.put("flow", flow.id().value());
    body.put("product", flow.product().value());
    body.put("step", step);
    body.put("message", message);
    body.putAll(extra);
    body.put("at", clock.instant().toString());
    webhooks.send(flow.alerts().webhook().get(), body);
  }

  private Timer timer(String flow, String outcome) {
    return Timer.builder("comptoir.flow.run.duration")
        .description("Duration of flow runs")
        .tag("flow", flow)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter counter(String name, String flow, String tag, String value) {
    return Counter.builder(name).tag("flow", flow).tag(tag, value).register(registry);
  }
}

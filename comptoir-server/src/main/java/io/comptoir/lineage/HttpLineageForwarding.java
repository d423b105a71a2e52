package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards events to an external OpenLineage endpoint (Marquez, another backend) in the background:
 * one thread, a bounded queue, each event POSTed as JSON and retried on a network failure or a
 * 5xx/429 answer. What is given up (queue full, retries spent, a 4xx answer) is logged and counted.
 */
public final class HttpLineageForwarding implements LineageForwarding, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpLineageForwarding.class);

  private final URI endpoint;
  private final Optional<String> apiKey;
  private final HttpClient client;
  private final ThreadPoolExecutor executor;
  private final int attempts;
  private final Duration firstBackoff;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /**
   * @param attempts tries per event, at least 1
   * @param firstBackoff the wait before the second try, doubled before each next one
   */
  public HttpLineageForwarding(
      URI endpoint, Optional<String> apiKey, int capacity, int attempts, Duration firstBackoff) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("the lineage forward URL must be http or https");
    }
    this.apiKey = requireNonNull(apiKey, "apiKey is null").filter(key -> !key.isBlank());
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1");
    }
    this.attempts = attempts;
    this.firstBackoff = requireNonNull(firstBackoff, "firstBackoff is null");
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(capacity),
            runnable -> {
              Thread thread = new Thread(runnable, "comptoir-lineage-forward");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void forward(String json) {
    try {
      executor.execute(() -> send(json));
    } catch (RejectedExecutionException e) {
      long count = failed.incrementAndGet();
      log.warn("lineage forwarding queue is full: an event is not forwarded ({} so far)", count);
    }
  }

  private void send(String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
    Duration backoff = firstBackoff;
    String last = "";
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        HttpResponse<Void> response =
            client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          sent.incrementAndGet();
          return;
        }
        last = "HTTP " + status;
        if (status < 500 && status != 429) {
          break;
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        last = "interrupted";
        break;
      }
      if (attempt < attempts) {
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        backoff = backoff.multipliedBy(2);
      }
    }
    long count = failed.incrementAndGet();
    log.warn("cannot forward a lineage event to {}: {} ({} so far)", endpoint, last, count);
  }

  public long sent() {
    return sent.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Sends what is queued, for at most a few seconds. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }
}

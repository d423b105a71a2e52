package io.comptoir.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts as JSON POSTs, in the background: a slow or failing receiver never slows or fails a
 * run; failures are logged.
 */
public final class Webhooks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "comptoir-webhooks");
            thread.setDaemon(true);
            return thread;
          });

  /** Queues one POST of the body as JSON. */
  public void send(URI url, Map<String, Object> body) {
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      log.warn("cannot write alert {} as JSON: {}", body, e.getMessage());
      return;
    }
    sender.execute(
        () -> {
          try {
            HttpResponse<Void> response =
                client.send(
                    HttpRequest.newBuilder(url)
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Comptoir")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
              log.warn("alert webhook {} answered {}", url, response.statusCode());
            }
          } catch (java.io.IOException e) {
            log.warn("alert webhook {} failed: {}", url, e.getMessage());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /** Sends what is queued (up to 10 s), then stops. */
  @Override
  public void close() {
    sender.shutdown();
    try {
      if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
        sender.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sender.shutdownNow();
    }
  }
}

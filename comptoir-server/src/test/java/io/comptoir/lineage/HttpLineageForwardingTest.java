package io.comptoir.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forwarding to a local endpoint: retried on 503, given up on 400, in order, counted. */
class HttpLineageForwardingTest {
  private HttpServer endpoint;
  private final List<String> received = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger calls = new AtomicInteger();
  private volatile int failFirst;
  private volatile int status = 201;

  @BeforeEach
  void start() throws IOException {
    endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endpoint.createContext(
        "/api/v1/lineage",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          int call = calls.incrementAndGet();
          int answer = call <= failFirst ? 503 : status;
          if (answer < 300) {
            received.add(body);
          }
          exchange.sendResponseHeaders(answer, -1);
          exchange.close();
        });
    endpoint.start();
  }

  @AfterEach
  void stop() {
    endpoint.stop(0);
  }

  private HttpLineageForwarding forwarding() {
    return new HttpLineageForwarding(
        URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/api/v1/lineage"),
        Optional.empty(),
        100,
        3,
        Duration.ofMillis(20));
  }

  @Test
  void retriesAnUnavailableEndpointAndKeepsTheOrder() {
    failFirst = 2;
    try (HttpLineageForwarding forwarding = forwarding()) {
      forwarding.forward("{\"n\":1}");
      forwarding.forward("{\"n\":2}");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> forwarding.sent() == 2);
      assertThat(received).containsExactly("{\"n\":1}", "{\"n\":2}");
      assertThat(calls.get()).isEqualTo(4);
      assertThat(forwarding.failed()).isZero();
    }
  }

  @Test
  void givesUpOnARefusalOrAfterTheLastTryAndCountsIt() {
    status = 400;
    try (HttpLineageForwarding forwarding = forwarding()) {
      forwarding.forward("{\"n\":1}");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> forwarding.failed() == 1);
      assertThat(calls.get()).isEqualTo(1);
    }
    status = 201;
    failFirst = 100;
    calls.set(0);
    try (HttpLineageForwarding forwarding = forwarding()) {
      forwarding.forward("{\"n\":2}");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> forwarding.failed() == 1);
      assertThat(calls.get()).isEqualTo(3);
      assertThat(forwarding.sent()).isZero();
    }
  }
}

package io.comptoir.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.comptoir.catalog.ProductId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProfileQueueTest {
  private static final ProductId PRODUCT = new ProductId("colis");

  @Test
  void profilesInTheOrderQueuedAndLetsItsThreadGoWhenIdle() throws Exception {
    try (ProfileQueue queue = new ProfileQueue(Duration.ofSeconds(10), Duration.ofMillis(100))) {
      assertThat(queue.threads()).as("no thread before any work").isZero();
      List<Integer> done = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch first = new CountDownLatch(1);
      List<CompletableFuture<Optional<VersionProfile>>> futures = new ArrayList<>();
      for (int number = 1; number <= 5; number++) {
        int n = number;
        futures.add(
            queue.submit(
                new VersionKey(PRODUCT, n),
                () -> {
                  if (n == 1) {
                    hold(first);
                  }
                  done.add(n);
                  return new VersionProfile(PRODUCT, n, 0, List.of());
                }));
      }
      first.countDown();
      for (CompletableFuture<Optional<VersionProfile>> future : futures) {
        assertThat(future.get(10, TimeUnit.SECONDS)).isPresent();
      }
      assertThat(done).containsExactly(1, 2, 3, 4, 5);

      await().atMost(Duration.ofSeconds(10)).until(() -> queue.threads() == 0);

      // more work after the thread ended starts another one
      assertThat(
              queue
                  .submit(
                      new VersionKey(PRODUCT, 6),
                      () -> new VersionProfile(PRODUCT, 6, 0, List.of()))
                  .get(10, TimeUnit.SECONDS))
          .map(VersionProfile::version)
          .contains(6);
    }
  }

  private static void hold(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

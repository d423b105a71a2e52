package io.comptoir.server;

import io.comptoir.cli.Lifetime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops serving when the JVM is asked to exit (Ctrl-C, SIGTERM), and holds the exit until the
 * command has closed the server, the engine and the store.
 */
final class JvmLifetime implements Lifetime {
  private static final long CLOSE_TIMEOUT_SECONDS = 30;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch commandFinished = new CountDownLatch(1);

  @Override
  public void awaitStop() throws InterruptedException {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopRequested.countDown();
                  try {
                    commandFinished.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "comptoir-shutdown"));
    stopRequested.await();
  }

  /** Called once the command returned. */
  void commandFinished() {
    commandFinished.countDown();
  }

  /** Whether the JVM is already exiting: calling System.exit then would block. */
  boolean exiting() {
    return stopRequested.getCount() == 0;
  }
}

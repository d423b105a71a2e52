package io.comptoir.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParentWatchTest {
  /** A main that would run for a minute: it waits on a latch nobody opens. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      new java.util.concurrent.CountDownLatch(1).await(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void theChildEndsOnceItsParentsEndOfThePipeIsClosed() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    ParentWatch.class.getName(),
                    Sleeper.class.getName()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      assertThat(child.waitFor(2, TimeUnit.SECONDS)).as("runs its main class").isFalse();

      child.getOutputStream().close(); // what the system does when the parent dies

      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("ended after its parent").isTrue();
      assertThat(child.exitValue()).isZero();
    } finally {
      child.destroyForcibly();
    }
  }
}

package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follower of a growing export file sends everything the COPY wrote, once. */
class FollowTest {
  @TempDir Path directory;
  final ExecutorService writer = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    writer.shutdownNow();
  }

  /** Follows {@code file} on another thread while the test plays the COPY. */
  Future<String> follow(Path file, CompletableFuture<Long> copy) {
    return writer.submit(
        () -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          GovernedExport.follow(file, copy, out);
          return out.toString(StandardCharsets.UTF_8);
        });
  }

  /**
   * Gives the follower time to open the file (it looks every 2 ms). If it has not, the test still
   * passes for the right reason: the follower then opens the file at the path.
   */
  static void letTheFollowerOpen() throws InterruptedException {
    Thread.sleep(50);
  }

  @Test
  void sendsWhatIsAppendedWhileItFollows() throws Exception {
    Path file = directory.resolve("grow.csv");
    CompletableFuture<Long> copy = new CompletableFuture<>();
    Future<String> sent = follow(file, copy);
    Files.writeString(file, "id\r\n");
    for (int i = 1; i <= 50; i++) {
      Files.writeString(file, i + "\r\n", StandardOpenOption.APPEND);
      Thread.sleep(1);
    }
    copy.complete(50L);
    StringBuilder expected = new StringBuilder("id\r\n");
    for (int i = 1; i <= 50; i++) {
      expected.append(i).append("\r\n");
    }
    assertThat(sent.get(10, TimeUnit.SECONDS)).isEqualTo(expected.toString());
  }

  @Test
  void readsTheFileNowAtThePathWhenItWasReplacedWhileFollowed() throws Exception {
    Path file = directory.resolve("replaced.csv");
    CompletableFuture<Long> copy = new CompletableFuture<>();
    Files.createFile(file); // an empty file, which the follower opens
    Future<String> sent = follow(file, copy);
    letTheFollowerOpen();
    Path written = directory.resolve("tmp_replaced.csv");
    Files.writeString(written, "id,name\r\n1,Alice\r\n");
    Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    copy.complete(1L);
    assertThat(sent.get(10, TimeUnit.SECONDS)).isEqualTo("id,name\r\n1,Alice\r\n");
  }

  @Test
  void sendsNothingWhenTheCopyFailedBeforeWriting() throws Exception {
    Path file = directory.resolve("never.csv");
    CompletableFuture<Long> copy = new CompletableFuture<>();
    Future<String> sent = follow(file, copy);
    copy.completeExceptionally(new IOException("bad query"));
    assertThat(sent.get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void failsWhenTheFileShrankBelowWhatWasSent() throws Exception {
    Path file = directory.resolve("shrunk.csv");
    Files.writeString(file, "id\r\n1\r\n2\r\n");
    CompletableFuture<Long> copy = new CompletableFuture<>();
    Future<String> sent = follow(file, copy);
    letTheFollowerOpen();
    Path written = directory.resolve("tmp_shrunk.csv");
    Files.writeString(written, "id\r\n");
    Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    copy.complete(0L);
    assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("shrank to 4 bytes after 10 were sent");
  }
}

package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
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

  /** What the follower sent so far; read by the test while the follower writes. */
  final ByteArrayOutputStream sent = new ByteArrayOutputStream();

  @AfterEach
  void stop() {
    writer.shutdownNow();
  }

  /** Follows {@code file} on another thread while the test plays the COPY. */
  Future<String> follow(Path file, CompletableFuture<Long> copy) {
    return writer.submit(
        () -> {
          GovernedExport.follow(file, copy, sent);
          return sent();
        });
  }

  String sent() {
    synchronized (sent) {
      return sent.toString(StandardCharsets.UTF_8);
    }
  }

  /** Waits until the follower has sent {@code text}: it holds the file open. */
  void awaitSent(String text) {
    await().atMost(Duration.ofSeconds(10)).until(() -> sent().equals(text));
  }

  static void replace(Path file, String text) throws IOException {
    Path written = file.resolveSibling("tmp_" + file.getFileName());
    Files.writeString(written, text);
    Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void sendsWhatIsAppendedWhileItFollows() throws Exception {
    Path file = directory.resolve("grow.csv");
    CompletableFuture<Long> copy = new CompletableFuture<>();
    Future<String> result = follow(file, copy);
    Files.writeString(file, "id\r\n");
    StringBuilder expected = new StringBuilder("id\r\n");
    for (int i = 1; i <= 50; i++) {
      Files.writeString(file, i + "\r\n", StandardOpenOption.APPEND);
      expected.append(i).append("\r\n");
    }
    copy.complete(50L);
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(expected.toString());
  }

  @Test
  void neverSendsAPartTheCopyHasNotWrittenYet() throws Exception {
    Path file = directory.resolve("out-of-order.csv");
    CompletableFuture<Long> copy = new CompletableFuture<>();
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.write("id\r\n".getBytes(StandardCharsets.UTF_8));
      // a later part written first, as DuckDB's threads may: the part before it reads as zeros
      out.seek(4 + 6);
      out.write("3\r\n".getBytes(StandardCharsets.UTF_8));
      Future<String> result = follow(file, copy);
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(10))
          .until(() -> sent().equals("id\r\n"));
      out.seek(4);
      out.write("1\r\n2\r\n".getBytes(StandardCharsets.UTF_8));
      awaitSent("id\r\n1\r\n2\r\n3\r\n");
      copy.complete(3L);
      assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("id\r\n1\r\n2\r\n3\r\n");
    }
  }

  @Test
  void sendsZeroBytesThatAreDataOnceTheCopyHasEnded() throws Exception {
    Path file = directory.resolve("nul.csv");
    Files.writeString(file, "a\u0000b\r\n");
    CompletableFuture<Long> copy = new CompletableFuture<>();
    Future<String> result = follow(file, copy);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(10))
        .until(() -> sent().equals("a"));
    copy.complete(1L);
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("a\u0000b\r\n");
  }

  @Test
  void readsTheFileNowAtThePathWhenItWasReplacedWhileFollowed() throws Exception {
    Path file = directory.resolve("replaced.csv");
    CompletableFuture<Long> copy = new CompletableFuture<>();
    Files.writeString(file, "id,name\r\n");
    Future<String> result = follow(file, copy);
    awaitSent("id,name\r\n");
    replace(file, "id,name\r\n1,Alice\r\n");
    copy.complete(1L);
    assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("id,name\r\n1,Alice\r\n");
  }

  @Test
  void sendsNothingWhenTheCopyFailedBeforeWriting() throws Exception {
    Path file = directory.resolve("never.csv");
    CompletableFuture<Long> copy = new CompletableFuture<>();
    Future<String> result = follow(file, copy);
    copy.completeExceptionally(new IOException("bad query"));
    assertThat(result.get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void failsWhenTheFileShrankBelowWhatWasSent() throws Exception {
    Path file = directory.resolve("shrunk.csv");
    Files.writeString(file, "id\r\n1\r\n2\r\n");
    CompletableFuture<Long> copy = new CompletableFuture<>();
    Future<String> result = follow(file, copy);
    awaitSent("id\r\n1\r\n2\r\n");
    replace(file, "id\r\n");
    copy.complete(0L);
    assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("shrank to 4 bytes after 10 were sent");
  }
}

package io.comptoir.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  private static final class Item extends GroupCommit.Ticket {
    final int value;
    int written = -1;

    Item(int value) {
      this.value = value;
    }
  }

  /** Writes each item's value doubled; the first batch waits until {@code release} opens. */
  private static final class Writer implements Consumer<List<Item>> {
    final CountDownLatch writing = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void accept(List<Item> batch) {
      batches.add(batch.size());
      writing.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (Item item : batch) {
        item.written = item.value * 2;
        item.complete();
      }
    }
  }

  private Future<Item> submit(GroupCommit<Item> commits, int value) {
    return callers.submit(() -> commits.submit(() -> new Item(value)));
  }

  /**
   * Once the first batch is being written, queues items 1 to {@code count} behind it, then lets the
   * writer go on.
   */
  private List<Future<Item>> queueBehindTheFirstBatch(
      GroupCommit<Item> commits, Writer writer, int count) throws InterruptedException {
    assertThat(writer.writing.await(10, TimeUnit.SECONDS)).isTrue();
    List<Future<Item>> others = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      others.add(submit(commits, i));
    }
    awaitQueued(commits, count);
    writer.release.countDown();
    return others;
  }

  private static void awaitQueued(GroupCommit<Item> commits, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (commits.queued() < count && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(1);
    }
    assertThat(commits.queued()).isEqualTo(count);
  }

  @Test
  void writesWhatIsQueuedDuringABatchTogetherAndGivesEachCallerItsOwnResult() throws Exception {
    Writer writer = new Writer();
    GroupCommit<Item> commits = new GroupCommit<>(64, writer);
    Future<Item> first = submit(commits, 0);
    List<Future<Item>> others = queueBehindTheFirstBatch(commits, writer, 31);

    assertThat(first.get(10, TimeUnit.SECONDS).written).isZero();
    for (int i = 1; i <= 31; i++) {
      Item item = others.get(i - 1).get(10, TimeUnit.SECONDS);
      assertThat(item.done()).isTrue();
      assertThat(item.failure()).isNull();
      assertThat(item.written).isEqualTo(2 * i);
    }
    assertThat(writer.batches).containsExactly(1, 31);
  }

  @Test
  void takesAtMostTheMaximumBatchAtATime() throws Exception {
    Writer writer = new Writer();
    GroupCommit<Item> commits = new GroupCommit<>(4, writer);
    Future<Item> first = submit(commits, 0);
    List<Future<Item>> others = queueBehindTheFirstBatch(commits, writer, 10);
    first.get(10, TimeUnit.SECONDS);
    for (Future<Item> other : others) {
      assertThat(other.get(10, TimeUnit.SECONDS).written).isPositive();
    }
    assertThat(writer.batches).containsExactly(1, 4, 4, 2);
  }

  @Test
  void aBatchWriterThatThrowsFailsTheTicketsItLeftAndTheNextBatchesStillRun() {
    List<Integer> calls = new ArrayList<>();
    GroupCommit<Item> commits =
        new GroupCommit<>(
            8,
            batch -> {
              calls.add(batch.size());
              if (batch.get(0).value < 0) {
                throw new IllegalStateException("disk full");
              }
              batch.forEach(GroupCommit.Ticket::complete);
            });

    Item failed = commits.submit(() -> new Item(-1));
    assertThat(failed.done()).isTrue();
    assertThat(failed.failure()).hasMessage("disk full");

    Item written = commits.submit(() -> new Item(3));
    assertThat(written.done()).isTrue();
    assertThat(written.failure()).isNull();
    assertThat(calls).containsExactly(1, 1);
  }

  @Test
  void anInterruptedCallerStillWaitsForItsTicketAndKeepsItsInterrupt() throws Exception {
    Writer writer = new Writer();
    GroupCommit<Item> commits = new GroupCommit<>(8, writer);
    Future<Item> first = submit(commits, 0);
    assertThat(writer.writing.await(10, TimeUnit.SECONDS)).isTrue();
    CountDownLatch started = new CountDownLatch(1);
    List<Boolean> interruptedAfter = Collections.synchronizedList(new ArrayList<>());
    Thread caller =
        new Thread(
            () -> {
              started.countDown();
              Item item = commits.submit(() -> new Item(5));
              interruptedAfter.add(Thread.currentThread().isInterrupted() && item.done());
            });
    caller.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    awaitQueued(commits, 1);
    caller.interrupt();
    writer.release.countDown();
    caller.join(10_000);
    first.get(10, TimeUnit.SECONDS);

    assertThat(caller.isAlive()).isFalse();
    assertThat(interruptedAfter).containsExactly(true);
    assertThat(writer.batches).containsExactly(1, 1);
  }
}

package io.comptoir.common;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Group commit: callers queue a ticket and wait until it is written; one caller at a time, the
 * leader, takes what is queued (oldest first, a bounded batch) and writes it in one transaction,
 * then wakes the callers whose tickets it wrote. Waiting callers park on their own ticket and do
 * not contend for a lock: under hundreds of concurrent callers, a lock that every waiter had to
 * take again just to learn that its ticket was written made them wake one after another. When a
 * leader is done and tickets are still queued, it wakes the caller of the oldest, which leads next.
 *
 * @param <T> the tickets; the batch writer must {@link Ticket#complete()} every ticket it is given
 */
public final class GroupCommit<T extends GroupCommit.Ticket> {
  /** A queued write; done once its batch is written (or failed). */
  public abstract static class Ticket {
    private volatile boolean done;
    private volatile Thread waiter;
    private RuntimeException failure;

    /**
     * Marks the ticket written; call after setting its result, which its caller reads once done.
     */
    public final void complete() {
      done = true;
    }

    /** Marks the ticket failed: its caller gets {@code e} from {@link #failure()}. */
    public final void fail(RuntimeException e) {
      failure = requireNonNull(e, "failure is null");
      done = true;
    }

    public final boolean done() {
      return done;
    }

    /** Why the ticket was not written, or null when it was. */
    public final RuntimeException failure() {
      return failure;
    }
  }

  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private final AtomicBoolean leading = new AtomicBoolean();
  private final int maximumBatch;
  private final Consumer<List<T>> writeBatch;

  /**
   * @param maximumBatch the most tickets one batch takes
   * @param writeBatch writes a batch in order and completes or fails each of its tickets; should it
   *     throw, the tickets it left undone fail with what it threw
   */
  public GroupCommit(int maximumBatch, Consumer<List<T>> writeBatch) {
    if (maximumBatch < 1) {
      throw new IllegalArgumentException("maximum batch must be >= 1, got " + maximumBatch);
    }
    this.maximumBatch = maximumBatch;
    this.writeBatch = requireNonNull(writeBatch, "writeBatch is null");
  }

  /**
   * Queues the ticket that {@code make} builds (called while holding the queue, so that tickets are
   * queued in the order they are made: an instant taken there is in queue order) and returns it
   * once it is written. An interrupt does not end the wait (the ticket is queued and will be
   * written); it is kept for the caller.
   */
  public T submit(Supplier<T> make) {
    T ticket;
    synchronized (queue) {
      ticket = requireNonNull(make.get(), "ticket is null");
      ((Ticket) ticket).waiter = Thread.currentThread();
      queue.add(ticket);
    }
    boolean interrupted = false;
    while (!ticket.done()) {
      if (leading.compareAndSet(false, true)) {
        List<T> batch;
        try {
          batch = take();
          if (!batch.isEmpty()) {
            write(batch);
          }
        } finally {
          leading.set(false);
        }
        for (T written : batch) {
          Thread waiter = ((Ticket) written).waiter;
          if (waiter != Thread.currentThread()) {
            LockSupport.unpark(waiter);
          }
        }
        T next;
        synchronized (queue) {
          next = queue.peek();
        }
        if (next != null && next != ticket) {
          LockSupport.unpark(((Ticket) next).waiter); // it leads next
        }
      } else {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return ticket;
  }

  /** Tickets queued and not yet taken by a batch. */
  public int queued() {
    synchronized (queue) {
      return queue.size();
    }
  }

  private void write(List<T> batch) {
    try {
      writeBatch.accept(batch);
    } catch (RuntimeException e) {
      for (T ticket : batch) {
        if (!ticket.done()) {
          ticket.fail(e);
        }
      }
    }
  }

  private List<T> take() {
    List<T> batch = new ArrayList<>();
    synchronized (queue) {
      while (!queue.isEmpty() && batch.size() < maximumBatch) {
        batch.add(queue.poll());
      }
    }
    return batch;
  }
}

package io.comptoir.cli;

/** How a serving command waits until it is asked to stop (a signal in production, a test latch). */
@FunctionalInterface
public interface Lifetime {
  void awaitStop() throws InterruptedException;
}

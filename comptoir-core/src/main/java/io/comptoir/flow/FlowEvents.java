package io.comptoir.flow;

import java.time.Duration;

/**
 * What a run of a flow tells monitoring: metrics and alerts listen here. Listeners must not throw:
 * a failing alert never fails a run.
 */
public interface FlowEvents {
  /** A run went to its end: some batches may have failed ({@link FlowRun#failed()}). */
  void finished(FlowDefinition flow, FlowRun run, Duration duration);

  /** A run could not go on: the source could not be read, or the run was refused. */
  void failed(FlowDefinition flow, String step, String message, Duration duration);

  /** Nobody listens. */
  static FlowEvents none() {
    return new FlowEvents() {
      @Override
      public void finished(FlowDefinition flow, FlowRun run, Duration duration) {}

      @Override
      public void failed(FlowDefinition flow, String step, String message, Duration duration) {}
    };
  }
}

package io.comptoir.flow;

import java.util.Map;
import java.util.Optional;

/** Reads one flow's source, batch by batch, from where its committed progress says. */
public interface SourceReader extends AutoCloseable {
  /**
   * The next batch, empty when nothing more is ready now.
   *
   * @param committed the flow's progress committed so far, including the batches of this run
   */
  Optional<SourceBatch> next(Map<String, String> committed);

  /**
   * Whether a failed batch leaves the next ones valid (files of a drop zone); otherwise the run
   * stops at the first failure, so that no row after it is read before it (a watermark, offsets).
   */
  default boolean independentBatches() {
    return false;
  }

  @Override
  void close();
}

package io.comptoir.flow;

import java.nio.file.Path;

/** Opens the reader of a flow's source; one implementation knows every kind available. */
public interface SourceReaders {
  /**
   * Opens a reader.
   *
   * @param workDirectory an empty directory of the run, deleted after it, for the files a reader
   *     writes
   * @throws io.comptoir.common.ComptoirException INVALID_INPUT when the kind cannot be read here
   */
  SourceReader open(FlowDefinition flow, Path workDirectory);

  /**
   * Puts back what a failed batch set aside, so that the next run reads it again (a drop zone's
   * file moved to {@code error/}); sources whose failed batches are read again anyway (their
   * progress was not committed) have nothing to put back.
   *
   * @param source the failed run's source name
   */
  default void restore(FlowDefinition flow, String source) {}
}

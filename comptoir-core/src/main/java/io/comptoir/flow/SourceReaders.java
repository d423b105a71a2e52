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
}

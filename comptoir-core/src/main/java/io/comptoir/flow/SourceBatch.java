package io.comptoir.flow;

import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.DuplicatePolicy;
import io.comptoir.ingest.SourceOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * A part of a source ready to become one version: a file of the drop zone, or the rows a database,
 * a topic or an API gave, written to a file of the run's work directory.
 */
public interface SourceBatch {
  /** The file to ingest. */
  Path file();

  /** The name shown in the run history. */
  String name();

  /** How to read the file. */
  SourceOptions options();

  /** What to save as the flow's progress, in the transaction of the version. */
  Map<String, String> progress();

  /**
   * Whether a file whose checksum equals an earlier version's is refused: a drop zone's partner
   * sending a file twice is a mistake, but a table or an API giving the same rows again (a snapshot
   * back to an earlier state) is not, and the progress already keeps the rows from being read
   * twice.
   */
  default DuplicatePolicy duplicates() {
    return DuplicatePolicy.REJECT;
  }

  /**
   * Whether the progress committed so far shows that this batch became a version before a stop (a
   * crash between the commit and {@link #done()}): it is then only {@link #done() done}.
   */
  default boolean ingestedBefore(Map<String, String> committed) {
    return false;
  }

  /** After its version is committed, or when it was ingested before: archive it, for example. */
  void done();

  /** After its run failed: set it aside with the reason, for example. */
  void failed(String reason);

  /** After its run failed with this error: by default, {@link #failed(String)} its message. */
  default void failed(ComptoirException error) {
    failed(error.getMessage());
  }
}

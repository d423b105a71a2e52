package io.comptoir.ingest;

/** Receives progress of long work, from any thread. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (phase, fraction) -> {};

  /**
   * @param phase short name of the current step ("checksum", "validate", "commit")
   * @param fraction completion of that step between 0.0 and 1.0
   */
  void progress(String phase, double fraction);
}

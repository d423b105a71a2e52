package io.comptoir.ingest;

/** Character encodings accepted for text sources. */
public enum SourceEncoding {
  /** Detected: UTF-8 when the sample is valid UTF-8, Windows-1252 otherwise. */
  AUTO,
  UTF_8,
  ISO_8859_1,
  WINDOWS_1252
}

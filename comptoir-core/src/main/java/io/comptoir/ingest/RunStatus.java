package io.comptoir.ingest;

/** Status of an ingestion run. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED
}

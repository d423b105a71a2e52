package io.comptoir.ingest;

/** How a new version relates to the previous one. */
public enum WriteMode {
  /** The new version lists the previous version's files plus the new ones. */
  APPEND,
  /** The new version lists only the new files: a full snapshot. */
  OVERWRITE
}

package io.comptoir.score;

/** Where a certification stands. Only {@code IN_FORCE} counts. */
public enum CertificationStatus {
  IN_FORCE,
  /** Its expiry date passed. */
  EXPIRED,
  /** The score fell below the level's floor. */
  LAPSED,
  /** A newer certification of the same product replaced it. */
  SUPERSEDED
}

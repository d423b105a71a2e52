package io.comptoir.search;

/** Orders of the results. */
public enum SearchSort {
  /** The ranking formula (relevance mixed with score, certification and consumption). */
  RELEVANCE,
  /** Data score first (products without a score last), then the ranking formula. */
  SCORE,
  /** Title, alphabetical. */
  TITLE
}

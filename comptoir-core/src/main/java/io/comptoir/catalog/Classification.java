package io.comptoir.catalog;

/** Confidentiality classification of a product. */
public enum Classification {
  PUBLIC,
  INTERNAL,
  CONFIDENTIAL,
  RESTRICTED
}

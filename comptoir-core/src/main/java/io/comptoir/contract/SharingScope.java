package io.comptoir.contract;

/** Who may ask for a product. */
public enum SharingScope {
  /** Any entity of the group may request it (legal approves across entities). */
  GROUP,
  /** It stays in its entity: requests from other entities are refused. */
  ENTITY
}

package io.comptoir.lineage;

/** Sends the events Comptoir emits on to an external OpenLineage endpoint (Marquez...). */
@FunctionalInterface
public interface LineageForwarding {
  /** Hands over one event as JSON; must not block nor throw. */
  void forward(String json);

  LineageForwarding NONE = json -> {};
}

package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;

/** A dataset as OpenLineage names it: a namespace (where it lives) and a name in it. */
public record DatasetRef(String namespace, String name) {
  public DatasetRef {
    requireNonNull(namespace, "namespace is null");
    requireNonNull(name, "name is null");
    if (namespace.isBlank() || name.isBlank()) {
      throw ComptoirException.invalidInput("a dataset needs a namespace and a name");
    }
    if (namespace.length() > 500 || name.length() > 1000) {
      throw ComptoirException.invalidInput(
          "a dataset namespace is at most 500 characters and a name at most 1000");
    }
  }

  /** The id of its node in a graph. */
  public String nodeId() {
    return "dataset:" + namespace + "/" + name;
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}

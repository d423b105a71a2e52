package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

/** A job reads a dataset (an input) or writes it (an output). */
public record JobEdge(JobRef job, DatasetRef dataset, boolean output) {
  public JobEdge {
    requireNonNull(job, "job is null");
    requireNonNull(dataset, "dataset is null");
  }
}

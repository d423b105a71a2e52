package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.ingest.IngestionRun;
import java.util.List;

/**
 * What one run of a flow did.
 *
 * @param runs the ingestion runs it started, one per file (or batch), succeeded or failed
 * @param skipped sources already ingested before a crash, set aside without reading them again
 * @param failed sources set aside with their error (moved to {@code error/} for a drop zone)
 */
public record FlowRun(
    FlowId flow, List<IngestionRun> runs, List<String> skipped, List<String> failed) {
  public FlowRun {
    requireNonNull(flow, "flow is null");
    runs = List.copyOf(runs);
    skipped = List.copyOf(skipped);
    failed = List.copyOf(failed);
  }
}

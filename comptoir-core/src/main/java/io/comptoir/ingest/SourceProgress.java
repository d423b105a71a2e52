package io.comptoir.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * How far a flow has read its source after a run: entries such as a file's checksum, a watermark or
 * a Kafka partition's next offset. They are committed in the same metadata transaction as the
 * version the run produced, so that a crash never loses nor repeats rows: either both are saved, or
 * neither.
 *
 * @param flow the flow's id
 * @param entries key → value to save (a key already present is replaced)
 */
public record SourceProgress(String flow, Map<String, String> entries) {
  public SourceProgress {
    requireNonNull(flow, "flow is null");
    entries = Map.copyOf(entries);
  }
}

package io.comptoir.connectors;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.util.HashMap;
import java.util.Map;

/**
 * A Kafka flow's progress: one entry {@code offset:<partition>} per partition, the next offset to
 * read, committed with each version.
 */
final class KafkaOffsets {
  static final String PREFIX = "offset:";

  private KafkaOffsets() {}

  static String key(int partition) {
    return PREFIX + partition;
  }

  /** The next offset to read of each partition found in a flow's committed progress. */
  static Map<Integer, Long> committed(Map<String, String> progress) {
    Map<Integer, Long> offsets = new HashMap<>();
    for (Map.Entry<String, String> entry : progress.entrySet()) {
      if (!entry.getKey().startsWith(PREFIX)) {
        continue;
      }
      try {
        offsets.put(
            Integer.parseInt(entry.getKey().substring(PREFIX.length())),
            Long.parseLong(entry.getValue()));
      } catch (NumberFormatException e) {
        throw new ComptoirException(
            ErrorCode.INTERNAL,
            "progress entry " + entry.getKey() + "=" + entry.getValue() + " is not an offset",
            e);
      }
    }
    return offsets;
  }
}

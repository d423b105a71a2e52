package io.comptoir.connectors;

import io.comptoir.flow.KindSourceReaders;

/** Registers the readers of this module with the flow runner's readers. */
public final class Connectors {
  private Connectors() {}

  /** Adds every source kind this module reads. */
  public static KindSourceReaders register(KindSourceReaders readers) {
    readers.register(io.comptoir.flow.KafkaSource.class, KafkaSourceReader::open);
    return readers;
  }
}

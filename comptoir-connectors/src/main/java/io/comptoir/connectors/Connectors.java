package io.comptoir.connectors;

import io.comptoir.flow.HttpSource;
import io.comptoir.flow.JdbcSource;
import io.comptoir.flow.KindSourceReaders;
import java.util.Map;

/** Registers the readers of this module with the flow runner's readers. */
public final class Connectors {
  private Connectors() {}

  /**
   * Adds every source kind this module reads.
   *
   * @param environment where the environment variables that flow documents name are looked up
   *     (passwords, {@code ${env:NAME}} in HTTP headers): the process environment, or a map in
   *     tests
   */
  public static KindSourceReaders register(
      KindSourceReaders readers, Map<String, String> environment) {
    Map<String, String> variables = Map.copyOf(environment);
    return readers
        .register(JdbcSource.class, (flow, work) -> new JdbcSourceReader(flow, variables, work))
        .register(HttpSource.class, (flow, work) -> new HttpSourceReader(flow, variables, work))
        .register(io.comptoir.flow.KafkaSource.class, KafkaSourceReader::open);
  }
}

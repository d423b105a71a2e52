package io.comptoir.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.ProductId;
import io.comptoir.flow.FileDropSource;
import io.comptoir.flow.FlowSource;
import io.comptoir.flow.HttpSource;
import io.comptoir.flow.JdbcSource;
import io.comptoir.flow.KafkaSource;
import io.comptoir.flow.Pagination;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.RunId;
import io.comptoir.ingest.WriteMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each kind of source is named as the OpenLineage naming conventions say. */
class IngestionSourcesTest {
  private static IngestionRun run(String source, Optional<String> flow) {
    return IngestionRun.started(
        RunId.random(),
        ProductId.of("colis-suivi"),
        source,
        "ab".repeat(32),
        10,
        WriteMode.APPEND,
        Instant.parse("2026-11-20T08:00:00Z"),
        flow);
  }

  private static DatasetRef named(FlowSource source, String batch) {
    IngestionSources sources =
        new IngestionSources(flow -> Optional.of(source), "srv1", Path.of("/srv/comptoir"));
    return sources.of(run(batch, Optional.of("f"))).dataset();
  }

  private static JdbcSource jdbc(String url, Optional<String> table, Optional<String> query) {
    return new JdbcSource(url, "u", Optional.empty(), table, query, Optional.empty(), 1000);
  }

  @Test
  void namesFilesTablesTopicsAndApis() {
    assertThat(
            new IngestionSources(flow -> Optional.empty(), "srv1", Path.of("/srv/comptoir"))
                .of(run("colis.csv", Optional.empty()))
                .dataset())
        .isEqualTo(new DatasetRef("file://srv1", "colis.csv"));
    assertThat(
            named(
                new FileDropSource("inbox/dpd", "*.csv", null, Duration.ZERO, Optional.empty()),
                "a.csv"))
        .isEqualTo(
            new DatasetRef(
                "file://srv1",
                Path.of("/srv/comptoir/inbox/dpd/a.csv").toAbsolutePath().toString()));
    Path inbox = Path.of("/data/inbox");
    assertThat(
            named(
                new FileDropSource(
                    inbox.toString(), "*.csv", null, Duration.ZERO, Optional.empty()),
                "colis-1.csv"))
        .isEqualTo(
            new DatasetRef(
                "file://srv1", inbox.resolve("colis-1.csv").toAbsolutePath().toString()));
    assertThat(
            named(
                jdbc(
                    "jdbc:postgresql://pg:5433/colis?ssl=true",
                    Optional.of("envois"),
                    Optional.empty()),
                "b"))
        .isEqualTo(new DatasetRef("postgres://pg:5433", "colis.public.envois"));
    assertThat(
            named(
                jdbc("jdbc:postgresql://pg/colis", Optional.of("ref.envois"), Optional.empty()),
                "b"))
        .isEqualTo(new DatasetRef("postgres://pg:5432", "colis.ref.envois"));
    assertThat(
            named(
                jdbc("jdbc:mariadb://maria/suivi", Optional.of("evenements"), Optional.empty()),
                "b"))
        .isEqualTo(new DatasetRef("mysql://maria:3306", "suivi.evenements"));
    IngestionSources sources =
        new IngestionSources(
            flow ->
                Optional.of(
                    jdbc(
                        "jdbc:postgresql://pg:5432/colis",
                        Optional.empty(),
                        Optional.of("SELECT 1"))),
            "srv1",
            Path.of("/srv/comptoir"));
    OpenLineageEvents.Source query = sources.of(run("b", Optional.of("f")));
    assertThat(query.dataset()).isEqualTo(new DatasetRef("postgres://pg:5432", "colis"));
    assertThat(query.query()).contains("SELECT 1");
    assertThat(
            named(
                new KafkaSource("k1:9092, k2:9092", "colis.evenements", 10, Duration.ofSeconds(1)),
                "b"))
        .isEqualTo(new DatasetRef("kafka://k1:9092", "colis.evenements"));
    assertThat(
            named(
                new HttpSource(
                    URI.create("https://api.example:8443/v2/colis?since=1"),
                    "/data",
                    Pagination.none(),
                    Map.of()),
                "b"))
        .isEqualTo(new DatasetRef("https://api.example:8443", "/v2/colis"));
  }
}

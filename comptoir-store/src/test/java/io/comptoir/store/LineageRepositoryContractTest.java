package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.lineage.ColumnEdge;
import io.comptoir.lineage.DatasetRef;
import io.comptoir.lineage.JobEdge;
import io.comptoir.lineage.JobRef;
import io.comptoir.lineage.LineageEvent;
import io.comptoir.lineage.LineageRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lineage repository contract, run on SQLite and PostgreSQL by the subclasses. */
abstract class LineageRepositoryContractTest {
  private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
  private static final DatasetRef FILE = new DatasetRef("file://host", "/in/codes.csv");
  private static final DatasetRef CODES = new DatasetRef("comptoir", "codes-postaux");
  private static final DatasetRef PARCELS = new DatasetRef("comptoir", "colis-expedies");
  private static final JobRef LOAD = new JobRef("comptoir", "ingest.codes-postaux");
  private static final JobRef ENRICH = new JobRef("airflow://demo", "colis.enrich");

  private MetadataStore store;
  private LineageRepository lineage;

  abstract MetadataStore openFreshStore() throws Exception;

  abstract void dropFreshStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openFreshStore();
    lineage = store.lineage();
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
    dropFreshStore();
  }

  private static LineageEvent event(
      JobRef job, DatasetRef input, DatasetRef output, List<ColumnEdge> columns) {
    return new LineageEvent(
        LineageEvent.Kind.RUN,
        "COMPLETE",
        T0,
        Optional.of("0190c3a0-0000-7000-8000-000000000001"),
        Optional.of(job),
        List.of(input),
        List.of(output),
        columns);
  }

  @Test
  void keepsEachEdgeOnceAndFindsItFromEitherEnd() {
    lineage.save(event(LOAD, FILE, CODES, List.of()), "{\"a\":1}", T0, "comptoir");
    lineage.save(event(LOAD, FILE, CODES, List.of()), "{\"a\":2}", T0.plusSeconds(1), "comptoir");
    lineage.save(
        event(
            ENRICH,
            CODES,
            PARCELS,
            List.of(
                new ColumnEdge(CODES, "code_postal", PARCELS, "code_postal", "DIRECT/IDENTITY"))),
        "{\"b\":1}",
        T0.plusSeconds(2),
        "airflow-app");

    assertThat(lineage.edgesOfDatasets(List.of(CODES)))
        .containsExactlyInAnyOrder(
            new JobEdge(ENRICH, CODES, false), new JobEdge(LOAD, CODES, true));
    assertThat(lineage.edgesOfJobs(List.of(LOAD)))
        .containsExactlyInAnyOrder(new JobEdge(LOAD, FILE, false), new JobEdge(LOAD, CODES, true));
    assertThat(lineage.columnEdges(List.of(PARCELS)))
        .containsExactly(
            new ColumnEdge(CODES, "code_postal", PARCELS, "code_postal", "DIRECT/IDENTITY"));
    assertThat(lineage.columnEdges(List.of(FILE))).isEmpty();

    List<LineageRepository.StoredEvent> events = lineage.events(Optional.empty(), 10);
    assertThat(events)
        .extracting(LineageRepository.StoredEvent::json)
        .containsExactly("{\"b\":1}", "{\"a\":2}", "{\"a\":1}");
    assertThat(events.get(0).origin()).isEqualTo("airflow-app");
    assertThat(lineage.events(Optional.of(LOAD), 1))
        .extracting(LineageRepository.StoredEvent::json)
        .containsExactly("{\"a\":2}");
  }

  @Test
  void storesEveryEventOfABatchAndItsEdgesAsTheLastEventNamingThemSays() {
    lineage.saveAll(
        List.of(
            new LineageRepository.Saved(
                event(LOAD, FILE, CODES, List.of()), "{\"a\":1}", T0, "comptoir"),
            new LineageRepository.Saved(
                event(
                    ENRICH,
                    CODES,
                    PARCELS,
                    List.of(new ColumnEdge(CODES, "code_postal", PARCELS, "code_postal", "OLD"))),
                "{\"b\":1}",
                T0,
                "airflow-app"),
            new LineageRepository.Saved(
                event(LOAD, FILE, CODES, List.of()), "{\"a\":2}", T0, "comptoir"),
            new LineageRepository.Saved(
                event(
                    ENRICH,
                    CODES,
                    PARCELS,
                    List.of(
                        new ColumnEdge(
                            CODES, "code_postal", PARCELS, "code_postal", "DIRECT/IDENTITY"))),
                "{\"b\":2}",
                T0,
                "airflow-app")));

    assertThat(lineage.events(Optional.empty(), 10)).hasSize(4);
    assertThat(lineage.edgesOfDatasets(List.of(CODES)))
        .containsExactlyInAnyOrder(
            new JobEdge(ENRICH, CODES, false), new JobEdge(LOAD, CODES, true));
    assertThat(lineage.columnEdges(List.of(PARCELS)))
        .containsExactly(
            new ColumnEdge(CODES, "code_postal", PARCELS, "code_postal", "DIRECT/IDENTITY"));
  }

  @Test
  void readsAnEventWithoutJobAndManyDatasetsAtOnce() {
    LineageEvent datasetEvent =
        LineageEvent.of(
            Map.of(
                "eventTime",
                "2026-03-10T08:00:00Z",
                "producer",
                "urn:test",
                "schemaURL",
                "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
                "dataset",
                Map.of("namespace", "comptoir", "name", "codes-postaux")));
    lineage.save(datasetEvent, "{}", T0, "someone");
    assertThat(lineage.events(Optional.empty(), 5)).hasSize(1);
    List<DatasetRef> many =
        java.util.stream.IntStream.range(0, 250)
            .mapToObj(i -> new DatasetRef("file://host", "/f" + i))
            .toList();
    assertThat(lineage.edgesOfDatasets(many)).isEmpty();
  }
}

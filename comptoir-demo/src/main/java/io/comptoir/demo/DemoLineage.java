package io.comptoir.demo;

import static java.util.Objects.requireNonNull;

import io.comptoir.lineage.JobRef;
import io.comptoir.lineage.LineageJson;
import io.comptoir.lineage.LineageService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The lineage of the demo beyond what Comptoir records itself: two tasks of a (fictitious) Airflow
 * DAG join the postcodes of codes-postaux into the parcels products, with column lineage, as the
 * Airflow OpenLineage integration would post them. With the events Comptoir emits when the demo
 * loads its files, the graph goes from the postcodes file to codes-postaux, then to colis-expedies
 * and suivi-colis-evenements. Recorded once: skipped when already there.
 */
public final class DemoLineage {
  static final String ORIGIN = "demo";
  static final String AIRFLOW_NAMESPACE = "airflow-colis";
  static final String PRODUCER =
      "https://github.com/apache/airflow/tree/providers-openlineage/1.14.0";
  private static final String RUN_EVENT =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private DemoLineage() {}

  /** The events: one COMPLETE per task, ready to post. */
  public static List<Map<String, Object>> events(String namespace, Instant time) {
    requireNonNull(namespace, "namespace is null");
    List<Map<String, Object>> events = new ArrayList<>();
    events.add(
        task(
            "colis_quotidien.enrichir_adresses",
            time,
            List.of(
                dataset(namespace, "codes-postaux"),
                dataset("postgres://pg-colis:5432", "colis.public.colis_bruts")),
            namespace,
            DemoCatalog.PARCELS.value(),
            Map.of(
                "code_postal_origine", List.of(field(namespace, "codes-postaux", "code_postal")),
                "commune_origine",
                    List.of(field(namespace, "codes-postaux", "libelle_acheminement")),
                "code_postal_destination",
                    List.of(field(namespace, "codes-postaux", "code_postal")),
                "commune_destination",
                    List.of(field(namespace, "codes-postaux", "libelle_acheminement")))));
    events.add(
        task(
            "colis_quotidien.localiser_evenements",
            time,
            List.of(
                dataset(namespace, "codes-postaux"),
                dataset("kafka://kafka-colis:9092", "colis.evenements")),
            namespace,
            DemoCatalog.TRACKING_EVENTS.value(),
            Map.of("code_postal_site", List.of(field(namespace, "codes-postaux", "code_postal")))));
    return events;
  }

  /** Records the events unless the demo did already; returns how many were recorded. */
  public static int record(LineageService lineage, Instant time) {
    requireNonNull(lineage, "lineage is null");
    int recorded = 0;
    for (Map<String, Object> event : events(lineage.namespace(), time)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> job = (Map<String, Object>) event.get("job");
      JobRef ref = new JobRef(AIRFLOW_NAMESPACE, (String) job.get("name"));
      if (!lineage.events(Optional.of(ref), 1).isEmpty()) {
        continue;
      }
      lineage.recordReceived(event, LineageJson.write(event), ORIGIN);
      recorded++;
    }
    return recorded;
  }

  private static Map<String, Object> task(
      String name,
      Instant time,
      List<Map<String, Object>> inputs,
      String outputNamespace,
      String output,
      Map<String, List<Map<String, Object>>> columns) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventType", "COMPLETE");
    event.put("eventTime", TIME.format(time));
    event.put("producer", PRODUCER);
    event.put("schemaURL", RUN_EVENT);
    Map<String, Object> engine =
        facet("1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet");
    engine.put("version", "2.10.3");
    engine.put("name", "Airflow");
    engine.put("openlineageAdapterVersion", "1.14.0");
    Map<String, Object> run = new LinkedHashMap<>();
    run.put(
        "runId",
        UUID.nameUUIDFromBytes(("comptoir-demo/" + name).getBytes(StandardCharsets.UTF_8))
            .toString());
    run.put("facets", Map.of("processing_engine", engine));
    event.put("run", run);
    Map<String, Object> jobType = facet("2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet");
    jobType.put("processingType", "BATCH");
    jobType.put("integration", "AIRFLOW");
    jobType.put("jobType", "TASK");
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("namespace", AIRFLOW_NAMESPACE);
    job.put("name", name);
    job.put("facets", Map.of("jobType", jobType));
    event.put("job", job);
    event.put("inputs", inputs);
    Map<String, Object> lineage =
        facet("1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet");
    Map<String, Object> fields = new LinkedHashMap<>();
    columns.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> fields.put(entry.getKey(), Map.of("inputFields", entry.getValue())));
    lineage.put("fields", fields);
    Map<String, Object> out = dataset(outputNamespace, output);
    out.put("facets", Map.of("columnLineage", lineage));
    event.put("outputs", List.of(out));
    return event;
  }

  private static Map<String, Object> dataset(String namespace, String name) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("namespace", namespace);
    dataset.put("name", name);
    return dataset;
  }

  private static Map<String, Object> field(String namespace, String name, String field) {
    Map<String, Object> input = dataset(namespace, name);
    input.put("field", field);
    input.put(
        "transformations",
        List.of(Map.of("type", "DIRECT", "subtype", "IDENTITY", "masking", false)));
    return input;
  }

  private static Map<String, Object> facet(String path) {
    Map<String, Object> facet = new LinkedHashMap<>();
    facet.put("_producer", PRODUCER);
    facet.put("_schemaURL", "https://openlineage.io/spec/facets/" + path);
    return facet;
  }
}

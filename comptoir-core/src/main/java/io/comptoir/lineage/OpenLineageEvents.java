package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Column;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.Version;
import io.comptoir.quality.QualityFacts.RuleResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the OpenLineage 2-0-2 run events Comptoir emits, as JSON-shaped maps: one START then one
 * COMPLETE or FAIL per ingestion run, and one COMPLETE per governed read. The facets used are the
 * standard ones listed here, plus {@code comptoir_contract} (see docs/lineage.md).
 */
public final class OpenLineageEvents {
  public static final String PRODUCER = "urn:comptoir:server";
  public static final String RUN_EVENT =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
  static final String FACETS = "https://openlineage.io/spec/facets/";
  public static final String SCHEMA =
      FACETS + "1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
  public static final String OUTPUT_STATISTICS =
      FACETS
          + "1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet";
  public static final String DATA_QUALITY_ASSERTIONS =
      FACETS
          + "1-1-0/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet";
  public static final String DATASET_VERSION =
      FACETS + "1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet";
  public static final String ERROR_MESSAGE =
      FACETS + "1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";
  public static final String JOB_TYPE =
      FACETS + "2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";
  public static final String SQL = FACETS + "1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet";

  /** The path, under Comptoir's URL, of the schema of the {@code comptoir_contract} facet. */
  public static final String CONTRACT_FACET_PATH =
      "/assets/openlineage/ComptoirContractRunFacet.json";

  private final String namespace;
  private final String contractFacetSchema;

  /**
   * @param namespace the namespace of Comptoir's jobs and products
   * @param publicUrl Comptoir's URL as others reach it, where the custom facet's schema is served
   */
  public OpenLineageEvents(String namespace, String publicUrl) {
    this.namespace = requireNonNull(namespace, "namespace is null");
    String base = requireNonNull(publicUrl, "publicUrl is null");
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.contractFacetSchema = base + CONTRACT_FACET_PATH + "#/$defs/ComptoirContractRunFacet";
  }

  public String contractFacetSchema() {
    return contractFacetSchema;
  }

  /** Where an ingestion read its rows from, and the query for a JDBC query source. */
  public record Source(DatasetRef dataset, Optional<String> query) {
    public Source {
      requireNonNull(dataset, "dataset is null");
      requireNonNull(query, "query is null");
    }
  }

  /** The job of an ingestion: the flow's when a flow runs it, else the product's. */
  public JobRef ingestionJob(IngestionRun run) {
    return new JobRef(
        namespace,
        run.flow().map(flow -> "flow." + flow).orElse("ingest." + run.product().value()));
  }

  /** The job of the reads under one contract. */
  public JobRef readJob(String contract) {
    return new JobRef(namespace, "read." + contract);
  }

  public Map<String, Object> ingestionStart(IngestionRun run, Source source) {
    Map<String, Object> event = runEvent("START", run.startedAt(), run.id().value());
    event.put("job", ingestionJobOf(run, source));
    event.put("inputs", List.of(dataset(source.dataset(), Map.of())));
    event.put("outputs", List.of(dataset(product(run), Map.of())));
    return event;
  }

  /**
   * The end of a successful run: the version written, its schema, the rows written and the
   * assertions of the quality rules known for it.
   */
  public Map<String, Object> ingestionComplete(
      IngestionRun run, Source source, Version version, List<RuleResult> assertions) {
    Map<String, Object> event =
        runEvent("COMPLETE", run.finishedAt().orElse(version.createdAt()), run.id().value());
    event.put("job", ingestionJobOf(run, source));
    event.put("inputs", List.of(dataset(source.dataset(), Map.of())));
    Map<String, Object> facets = new LinkedHashMap<>();
    facets.put("schema", schema(version.schema()));
    Map<String, Object> versionFacet = facet(DATASET_VERSION);
    versionFacet.put("datasetVersion", Integer.toString(version.number()));
    facets.put("version", versionFacet);
    if (!assertions.isEmpty()) {
      facets.put("dataQualityAssertions", assertions(assertions));
    }
    Map<String, Object> output = dataset(product(run), facets);
    Map<String, Object> statistics = facet(OUTPUT_STATISTICS);
    statistics.put("rowCount", run.rowsAccepted());
    statistics.put("fileCount", (long) version.files().size());
    output.put("outputFacets", Map.of("outputStatistics", statistics));
    event.put("outputs", List.of(output));
    return event;
  }

  public Map<String, Object> ingestionFail(IngestionRun run, Source source) {
    Map<String, Object> event =
        runEvent("FAIL", run.finishedAt().orElse(run.startedAt()), run.id().value());
    Map<String, Object> error = facet(ERROR_MESSAGE);
    error.put("message", run.error().orElse("failed"));
    error.put("programmingLanguage", "JAVA");
    runFacets(event).put("errorMessage", error);
    event.put("job", ingestionJobOf(run, source));
    event.put("inputs", List.of(dataset(source.dataset(), Map.of())));
    event.put("outputs", List.of(dataset(product(run), Map.of())));
    return event;
  }

  /** What a governed read tells lineage. */
  public record Read(
      String runId,
      Instant time,
      String contract,
      String product,
      int version,
      String consumer,
      Optional<String> application,
      String consumerEntity,
      String purpose,
      String purposeCategory,
      String legalBasis,
      Map<String, String> masking,
      long rows) {
    public Read {
      requireNonNull(runId, "runId is null");
      requireNonNull(time, "time is null");
      requireNonNull(contract, "contract is null");
      requireNonNull(product, "product is null");
      requireNonNull(consumer, "consumer is null");
      requireNonNull(application, "application is null");
      requireNonNull(consumerEntity, "consumerEntity is null");
      requireNonNull(purpose, "purpose is null");
      requireNonNull(purposeCategory, "purposeCategory is null");
      requireNonNull(legalBasis, "legalBasis is null");
      masking = Map.copyOf(new LinkedHashMap<>(masking));
    }
  }

  /**
   * A governed read: the job of its contract read a version of the product; the run facet {@code
   * comptoir_contract} names the contract, the consumer, the purpose and the columns as masked.
   */
  public Map<String, Object> governedRead(Read read, List<String> columns) {
    Map<String, Object> event = runEvent("COMPLETE", read.time(), read.runId());
    Map<String, Object> contract = new LinkedHashMap<>();
    contract.put("_producer", PRODUCER);
    contract.put("_schemaURL", contractFacetSchema);
    contract.put("contractId", read.contract());
    Map<String, Object> consumer = new LinkedHashMap<>();
    consumer.put("user", read.consumer());
    read.application().ifPresent(app -> consumer.put("application", app));
    consumer.put("entity", read.consumerEntity());
    contract.put("consumer", consumer);
    Map<String, Object> purpose = new LinkedHashMap<>();
    purpose.put("description", read.purpose());
    purpose.put("category", read.purposeCategory());
    purpose.put("legalBasis", read.legalBasis());
    contract.put("purpose", purpose);
    List<Object> granted = new ArrayList<>();
    for (String column : columns) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("name", column);
      item.put("masking", read.masking().getOrDefault(column, "MASK_NONE"));
      granted.add(item);
    }
    contract.put("columns", granted);
    contract.put("rows", read.rows());
    runFacets(event).put("comptoir_contract", contract);
    Map<String, Object> job = new LinkedHashMap<>();
    JobRef ref = readJob(read.contract());
    job.put("namespace", ref.namespace());
    job.put("name", ref.name());
    job.put("facets", Map.of("jobType", jobType("GOVERNED_READ")));
    event.put("job", job);
    Map<String, Object> versionFacet = facet(DATASET_VERSION);
    versionFacet.put("datasetVersion", Integer.toString(read.version()));
    event.put(
        "inputs",
        List.of(
            dataset(new DatasetRef(namespace, read.product()), Map.of("version", versionFacet))));
    event.put("outputs", List.of());
    return event;
  }

  private Map<String, Object> ingestionJobOf(IngestionRun run, Source source) {
    JobRef ref = ingestionJob(run);
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("namespace", ref.namespace());
    job.put("name", ref.name());
    Map<String, Object> facets = new LinkedHashMap<>();
    facets.put("jobType", jobType(run.flow().isPresent() ? "FLOW" : "INGESTION"));
    source
        .query()
        .ifPresent(
            query -> {
              Map<String, Object> sql = facet(SQL);
              sql.put("query", query);
              facets.put("sql", sql);
            });
    job.put("facets", facets);
    return job;
  }

  private DatasetRef product(IngestionRun run) {
    return new DatasetRef(namespace, run.product().value());
  }

  private static Map<String, Object> runEvent(String type, Instant time, String runId) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventType", type);
    event.put("eventTime", EventTimes.format(time));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("runId", runId);
    run.put("facets", new LinkedHashMap<String, Object>());
    event.put("run", run);
    event.put("producer", PRODUCER);
    event.put("schemaURL", RUN_EVENT);
    return event;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> runFacets(Map<String, Object> event) {
    return (Map<String, Object>) ((Map<String, Object>) event.get("run")).get("facets");
  }

  private static Map<String, Object> jobType(String type) {
    Map<String, Object> facet = facet(JOB_TYPE);
    facet.put("processingType", "BATCH");
    facet.put("integration", "COMPTOIR");
    facet.put("jobType", type);
    return facet;
  }

  private static Map<String, Object> dataset(DatasetRef ref, Map<String, Object> facets) {
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("namespace", ref.namespace());
    dataset.put("name", ref.name());
    if (!facets.isEmpty()) {
      dataset.put("facets", facets);
    }
    return dataset;
  }

  private static Map<String, Object> schema(List<Column> columns) {
    Map<String, Object> facet = facet(SCHEMA);
    List<Object> fields = new ArrayList<>();
    int position = 1;
    for (Column column : columns) {
      Map<String, Object> field = new LinkedHashMap<>();
      field.put("name", column.name());
      field.put("type", column.type().toString());
      if (!column.description().isBlank()) {
        field.put("description", column.description());
      }
      field.put("ordinal_position", position++);
      fields.add(field);
    }
    facet.put("fields", fields);
    return facet;
  }

  private static Map<String, Object> assertions(List<RuleResult> results) {
    Map<String, Object> facet = facet(DATA_QUALITY_ASSERTIONS);
    List<Object> assertions = new ArrayList<>();
    for (RuleResult result : results) {
      Map<String, Object> assertion = new LinkedHashMap<>();
      assertion.put("assertion", result.type());
      assertion.put("success", result.success());
      if (!result.column().isBlank()) {
        assertion.put("column", result.column());
      }
      assertion.put("severity", result.severity());
      assertion.put("name", result.rule());
      if (!result.message().isBlank()) {
        assertion.put("description", result.message());
      }
      if (result.failingRows() > 0) {
        assertion.put("actual", Long.toString(result.failingRows()));
      }
      assertions.add(assertion);
    }
    facet.put("assertions", assertions);
    return facet;
  }

  private static Map<String, Object> facet(String schemaUrl) {
    Map<String, Object> facet = new LinkedHashMap<>();
    facet.put("_producer", PRODUCER);
    facet.put("_schemaURL", schemaUrl);
    return facet;
  }
}

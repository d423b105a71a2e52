package io.comptoir.config;

import java.util.List;
import java.util.Optional;

/** Every configuration key of Comptoir. docs/configuration.md documents each one. */
public final class ConfigKeys {
  public static final ConfigKey DATA_DIR =
      new ConfigKey(
          "data-dir",
          ConfigType.PATH,
          "./data",
          "Directory holding the SQLite metadata file, the lake of Parquet versions, uploads and"
              + " the engine's spill files.");
  public static final ConfigKey HTTP_HOST =
      new ConfigKey(
          "http-host",
          ConfigType.STRING,
          "127.0.0.1",
          "Address the HTTP server listens on; 0.0.0.0 accepts connections from other machines.");
  public static final ConfigKey HTTP_PORT =
      new ConfigKey(
          "http-port",
          ConfigType.PORT,
          "8080",
          "TCP port of the HTTP server; 0 picks a free port.");
  public static final ConfigKey STORE_JDBC_URL =
      new ConfigKey(
          "store-jdbc-url",
          ConfigType.JDBC_URL,
          "",
          "JDBC URL of the PostgreSQL metadata store; empty for the embedded SQLite file under the"
              + " data directory.");
  public static final ConfigKey STORE_USER =
      new ConfigKey("store-user", ConfigType.STRING, "", "User of the PostgreSQL metadata store.");
  public static final ConfigKey STORE_PASSWORD =
      new ConfigKey(
          "store-password",
          ConfigType.SECRET,
          "",
          "Password of the PostgreSQL metadata store; never printed.");
  public static final ConfigKey ENGINE_MEMORY_LIMIT =
      new ConfigKey(
          "engine-memory-limit",
          ConfigType.MEMORY,
          "2GB",
          "Memory DuckDB may use before spilling to disk under the data directory.");
  public static final ConfigKey ENGINE_THREADS =
      new ConfigKey(
          "engine-threads",
          ConfigType.POSITIVE_INTEGER,
          "",
          "DuckDB worker threads; empty for the number of processors.");
  public static final ConfigKey ENGINE_READ_CACHE =
      new ConfigKey(
          "engine-read-cache",
          ConfigType.MEMORY,
          "64MB",
          "Memory kept for the output of small governed reads (limit + offset up to 10,000 rows,"
              + " output up to 4 MiB), so that the same read under the same contract runs its"
              + " query once; every read is still checked, audited and counted. 0MB keeps none.");
  public static final ConfigKey INGEST_TOLERATED_REJECT_RATE =
      new ConfigKey(
          "ingest-tolerated-reject-rate",
          ConfigType.RATE,
          "0.05",
          "Share of quarantined rows above which an ingestion creates no version; a request may"
              + " override it.");
  public static final ConfigKey DRIFT_PSI_THRESHOLD =
      new ConfigKey(
          "drift-psi-threshold",
          ConfigType.RATE,
          "0.2",
          "Population stability index of a numeric column between two versions above which its"
              + " values are reported as drifting (and a flow's webhook is called).");
  public static final ConfigKey DRIFT_JS_THRESHOLD =
      new ConfigKey(
          "drift-js-threshold",
          ConfigType.RATE,
          "0.1",
          "Jensen-Shannon divergence (0 to 1) of a categorical column's top values between two"
              + " versions above which its values are reported as drifting.");
  public static final ConfigKey INGEST_IMPORT_DIRS =
      new ConfigKey(
          "ingest-import-dirs",
          ConfigType.PATH_LIST,
          "${data-dir}/inbox",
          "Server-side directories from which files may be ingested by path; relative paths given"
              + " to the imports route resolve against the first one.");
  public static final ConfigKey INGEST_MAX_UPLOAD_BYTES =
      new ConfigKey(
          "ingest-max-upload-bytes",
          ConfigType.BYTES,
          "1GB",
          "Largest file accepted by the uploads route; larger uploads get 413.");
  public static final ConfigKey TOKEN_MAX_DAYS =
      new ConfigKey(
          "token-max-days",
          ConfigType.POSITIVE_INTEGER,
          "90",
          "Longest lifetime of an API token, in days; a longer lifetime asked for is refused.");
  public static final ConfigKey SESSION_IDLE_MINUTES =
      new ConfigKey(
          "session-idle-minutes",
          ConfigType.POSITIVE_INTEGER,
          "30",
          "Minutes without a request after which a login session ends.");
  public static final ConfigKey CONTRACT_MAX_MONTHS =
      new ConfigKey(
          "contract-max-months",
          ConfigType.POSITIVE_INTEGER,
          "12",
          "Longest duration of a usage contract, in months; a longer request is refused.");
  public static final ConfigKey DATA_MAX_ROWS =
      new ConfigKey(
          "data-max-rows",
          ConfigType.POSITIVE_INTEGER,
          "10000000",
          "Most rows one governed read returns; a larger limit asked for is refused.");
  public static final ConfigKey APPROVAL_DPO_FOR_PERSONAL_DATA =
      new ConfigKey(
          "approval-dpo-for-personal-data",
          ConfigType.BOOLEAN,
          "true",
          "The DPO approves requests that read a personal column other than fully masked.");
  public static final ConfigKey APPROVAL_LEGAL_ACROSS_ENTITIES =
      new ConfigKey(
          "approval-legal-across-entities",
          ConfigType.BOOLEAN,
          "true",
          "Legal approves requests from another entity than the product's.");
  public static final ConfigKey APPROVAL_LEGAL_FOR_EXTERNAL_PURPOSES =
      new ConfigKey(
          "approval-legal-for-external-purposes",
          ConfigType.BOOLEAN,
          "true",
          "Legal approves requests whose purpose takes data out of the group.");
  public static final ConfigKey APPROVAL_DATA_OFFICE_CLASSIFICATIONS =
      new ConfigKey(
          "approval-data-office-classifications",
          ConfigType.CLASSIFICATION_LIST,
          "RESTRICTED",
          "The data office approves requests on products of these classifications.");
  public static final ConfigKey APPROVAL_DATA_OFFICE_FOR_CERTIFIED =
      new ConfigKey(
          "approval-data-office-for-certified",
          ConfigType.BOOLEAN,
          "true",
          "The data office approves requests on certified products.");

  public static final ConfigKey FLOW_SCHEDULER =
      new ConfigKey(
          "flow-scheduler",
          ConfigType.BOOLEAN,
          "true",
          "The server runs flows on their cron schedule and when files arrive.");
  public static final ConfigKey FLOW_SCHEDULER_SECONDS =
      new ConfigKey(
          "flow-scheduler-seconds",
          ConfigType.POSITIVE_INTEGER,
          "10",
          "How often, in seconds, the scheduler looks for flows due and files arrived.");
  public static final ConfigKey FLOW_RUN_THREADS =
      new ConfigKey(
          "flow-run-threads",
          ConfigType.POSITIVE_INTEGER,
          "2",
          "Flows the scheduler runs at the same time, at most.");
  public static final ConfigKey SEARCH_INDEX_DIR =
      new ConfigKey(
          "search-index-dir",
          ConfigType.PATH,
          "${data-dir}/search-index",
          "Directory of the catalog's full-text search index (Lucene); rebuilt at start when"
              + " missing or stale.");
  public static final ConfigKey SEARCH_SEMANTIC =
      new ConfigKey(
          "search-semantic",
          ConfigType.BOOLEAN,
          "false",
          "Semantic search: embeddings of the products by the all-MiniLM-L6-v2 model run in"
              + " process, combined with the full-text score.");
  public static final ConfigKey SEARCH_SEMANTIC_WEIGHT =
      new ConfigKey(
          "search-semantic-weight",
          ConfigType.RATE,
          "0.3",
          "Share of the semantic similarity in the relevance when search-semantic is true.");
  public static final ConfigKey SEARCH_WEIGHT_SCORE =
      new ConfigKey(
          "search-weight-score",
          ConfigType.RATE,
          "0.15",
          "Weight of the data score in the search ranking (relevance weighs 1); see"
              + " docs/search.md.");
  public static final ConfigKey SEARCH_WEIGHT_CERTIFICATION =
      new ConfigKey(
          "search-weight-certification",
          ConfigType.RATE,
          "0.1",
          "Weight of the certification level in the search ranking (relevance weighs 1).");
  public static final ConfigKey SEARCH_WEIGHT_CONSUMPTION =
      new ConfigKey(
          "search-weight-consumption",
          ConfigType.RATE,
          "0.1",
          "Weight of the reads of the last 90 days in the search ranking (relevance weighs 1).");

  public static final ConfigKey SCORE_WEIGHTS =
      new ConfigKey(
          "score-weights",
          ConfigType.STRING,
          "documentation=25,ownership=15,classification=15,quality=20,freshness=10,contract=15",
          "Relative weight of each data score criterion, as criterion=weight pairs separated by"
              + " commas; every criterion must be listed, the score is scaled to 100.");
  public static final ConfigKey SCORE_DEFAULT_FRESHNESS_DAYS =
      new ConfigKey(
          "score-default-freshness-days",
          ConfigType.POSITIVE_INTEGER,
          "31",
          "Age in days the latest version may reach before the freshness criterion loses points,"
              + " for products that declare no freshness SLA.");
  public static final ConfigKey CERTIFICATION_CHECKLIST =
      new ConfigKey(
          "certification-checklist",
          ConfigType.STRING,
          "documentation>=60,ownership>=100,classification>=100,contract>=100,support-contact,"
              + "incident-process",
          "Production-readiness checklist, comma separated: criterion>=percent items are computed"
              + " from the data score, other items (lowercase ids) are ticked by the data office"
              + " with a comment.");
  public static final ConfigKey CERTIFICATION_FLOORS =
      new ConfigKey(
          "certification-floors",
          ConfigType.STRING,
          "BRONZE=40,SILVER=55,GOLD=70",
          "Lowest data score of each certification level, to be granted and to stay in force.");
  public static final ConfigKey CERTIFICATION_MAX_MONTHS =
      new ConfigKey(
          "certification-max-months",
          ConfigType.POSITIVE_INTEGER,
          "12",
          "Longest a certification may be granted for, in months.");
  public static final ConfigKey LINEAGE_NAMESPACE =
      new ConfigKey(
          "lineage-namespace",
          ConfigType.STRING,
          "comptoir",
          "OpenLineage namespace of Comptoir's jobs and of its products as datasets.");
  public static final ConfigKey LINEAGE_PUBLIC_URL =
      new ConfigKey(
          "lineage-public-url",
          ConfigType.STRING,
          "http://localhost:8080",
          "Comptoir's URL as others reach it: the comptoir_contract facet names its schema there.");
  public static final ConfigKey LINEAGE_QUEUE_SIZE =
      new ConfigKey(
          "lineage-queue-size",
          ConfigType.POSITIVE_INTEGER,
          "10000",
          "Lineage events waiting to be stored, at most; more are dropped and counted.");
  public static final ConfigKey LINEAGE_FORWARD_URL =
      new ConfigKey(
          "lineage-forward-url",
          ConfigType.STRING,
          "",
          "OpenLineage endpoint (such as Marquez's /api/v1/lineage) Comptoir's events are sent to.");
  public static final ConfigKey LINEAGE_FORWARD_API_KEY =
      new ConfigKey(
          "lineage-forward-api-key",
          ConfigType.SECRET,
          "",
          "Bearer token sent with the forwarded events (empty: none).");

  /** All keys, in documentation order. */
  public static final List<ConfigKey> ALL =
      List.of(
          DATA_DIR,
          HTTP_HOST,
          HTTP_PORT,
          STORE_JDBC_URL,
          STORE_USER,
          STORE_PASSWORD,
          ENGINE_MEMORY_LIMIT,
          ENGINE_READ_CACHE,
          ENGINE_THREADS,
          INGEST_TOLERATED_REJECT_RATE,
          DRIFT_PSI_THRESHOLD,
          DRIFT_JS_THRESHOLD,
          INGEST_IMPORT_DIRS,
          INGEST_MAX_UPLOAD_BYTES,
          TOKEN_MAX_DAYS,
          SESSION_IDLE_MINUTES,
          CONTRACT_MAX_MONTHS,
          DATA_MAX_ROWS,
          APPROVAL_DPO_FOR_PERSONAL_DATA,
          APPROVAL_LEGAL_ACROSS_ENTITIES,
          APPROVAL_LEGAL_FOR_EXTERNAL_PURPOSES,
          APPROVAL_DATA_OFFICE_CLASSIFICATIONS,
          APPROVAL_DATA_OFFICE_FOR_CERTIFIED,
          FLOW_SCHEDULER,
          FLOW_SCHEDULER_SECONDS,
          FLOW_RUN_THREADS,
          SCORE_WEIGHTS,
          SCORE_DEFAULT_FRESHNESS_DAYS,
          CERTIFICATION_CHECKLIST,
          CERTIFICATION_FLOORS,
          CERTIFICATION_MAX_MONTHS,
          LINEAGE_NAMESPACE,
          LINEAGE_PUBLIC_URL,
          LINEAGE_QUEUE_SIZE,
          LINEAGE_FORWARD_URL,
          LINEAGE_FORWARD_API_KEY,
          SEARCH_INDEX_DIR,
          SEARCH_SEMANTIC,
          SEARCH_SEMANTIC_WEIGHT,
          SEARCH_WEIGHT_SCORE,
          SEARCH_WEIGHT_CERTIFICATION,
          SEARCH_WEIGHT_CONSUMPTION);

  private ConfigKeys() {}

  public static Optional<ConfigKey> find(String key) {
    return ALL.stream().filter(k -> k.key().equals(key)).findFirst();
  }
}

package io.comptoir.server;

import static java.util.Objects.requireNonNull;

import io.comptoir.api.ApiServer;
import io.comptoir.api.Services;
import io.comptoir.api.Sessions;
import io.comptoir.api.UploadSettings;
import io.comptoir.audit.AuditService;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.MetadataChanges;
import io.comptoir.config.ConfigKey;
import io.comptoir.config.ConfigKeys;
import io.comptoir.config.Configuration;
import io.comptoir.connectors.Connectors;
import io.comptoir.contract.ApprovalRules;
import io.comptoir.contract.ConsumptionService;
import io.comptoir.contract.ContractService;
import io.comptoir.contract.GovernedReadService;
import io.comptoir.contract.ProductSharing;
import io.comptoir.contract.SharingRepository;
import io.comptoir.contract.SharingScope;
import io.comptoir.engine.DuckDbEngine;
import io.comptoir.engine.EngineSettings;
import io.comptoir.flow.FlowRunner;
import io.comptoir.flow.FlowService;
import io.comptoir.flow.KindSourceReaders;
import io.comptoir.flowfile.YamlFlowParser;
import io.comptoir.glossary.GlossaryFacts;
import io.comptoir.glossary.GlossaryService;
import io.comptoir.identity.IdentityProvider;
import io.comptoir.identity.IdentityService;
import io.comptoir.identity.LocalIdentityProvider;
import io.comptoir.identity.PasswordHasher;
import io.comptoir.identity.Secrets;
import io.comptoir.ingest.DataEngine;
import io.comptoir.ingest.Drift;
import io.comptoir.ingest.ImportDirectories;
import io.comptoir.ingest.IngestionService;
import io.comptoir.ingest.Lake;
import io.comptoir.monitoring.FlowMonitoring;
import io.comptoir.monitoring.Webhooks;
import io.comptoir.quality.QualityService;
import io.comptoir.qualityfile.YamlQualityRules;
import io.comptoir.scheduling.FlowScheduler;
import io.comptoir.score.CertificationPolicy;
import io.comptoir.score.ChecklistItem;
import io.comptoir.score.Criterion;
import io.comptoir.score.ScoreCalculator;
import io.comptoir.score.ScoreWeights;
import io.comptoir.score.StandingFacts;
import io.comptoir.score.StandingService;
import io.comptoir.search.MiniLmEmbedder;
import io.comptoir.search.RankingWeights;
import io.comptoir.search.SearchIndex;
import io.comptoir.search.SearchSources;
import io.comptoir.search.SemanticMode;
import io.comptoir.store.MetadataStore;
import io.comptoir.store.StoreConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the metadata store, the data engine and the lake described by a
 * configuration, wires the services by hand, and closes everything in reverse order.
 *
 * <p>Layout of the data directory: {@code lake/} (Parquet versions and quarantines), {@code
 * uploads/} (request bodies while they are ingested), {@code tmp/} (engine spill files), {@code
 * inbox/} (the default import directory), {@code instance-id} (names its flow leases) and the
 * SQLite file when no JDBC URL is configured.
 */
public final class Comptoir implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Comptoir.class);

  private final Configuration configuration;
  private final MetadataStore store;
  private final DataEngine engine;
  private final Lake lake;
  private final CatalogService catalog;
  private final IngestionService ingestion;
  private final ImportDirectories importDirectories;
  private final IdentityService identities;
  private final IdentityProvider identityProvider;
  private final Sessions sessions;
  private final DataDirectoryLock lock;
  private final AuditService audit;
  private final ContractService contracts;
  private final GovernedReadService reads;
  private final ConsumptionService consumption;
  private final FlowService flows;
  private final FlowRunner flowRunner;
  private final PrometheusMeterRegistry metrics;
  private final Webhooks webhooks;
  private final MetadataChanges changes;
  private final GlossaryService glossary;
  private final StandingService standing;
  private final QualityService quality;
  private final io.comptoir.lineage.Lineage lineage;
  private final SearchIndex search;
  private FlowScheduler scheduler;
  private boolean recovered;

  private Comptoir(
      Configuration configuration,
      MetadataStore store,
      DataEngine engine,
      Lake lake,
      CatalogService catalog,
      IngestionService ingestion,
      ImportDirectories importDirectories,
      IdentityService identities,
      IdentityProvider identityProvider,
      Sessions sessions,
      DataDirectoryLock lock,
      AuditService audit,
      ContractService contracts,
      GovernedReadService reads,
      ConsumptionService consumption,
      FlowService flows,
      FlowRunner flowRunner,
      PrometheusMeterRegistry metrics,
      Webhooks webhooks,
      MetadataChanges changes,
      GlossaryService glossary,
      StandingService standing,
      QualityService quality,
      io.comptoir.lineage.Lineage lineage,
      SearchIndex search) {
    this.changes = changes;
    this.glossary = glossary;
    this.standing = standing;
    this.quality = quality;
    this.lineage = lineage;
    this.search = search;
    this.flows = flows;
    this.flowRunner = flowRunner;
    this.metrics = metrics;
    this.webhooks = webhooks;
    this.contracts = contracts;
    this.consumption = consumption;
    this.reads = reads;
    this.lock = lock;
    this.audit = audit;
    this.configuration = configuration;
    this.store = store;
    this.engine = engine;
    this.lake = lake;
    this.catalog = catalog;
    this.ingestion = ingestion;
    this.importDirectories = importDirectories;
    this.identities = identities;
    this.identityProvider = identityProvider;
    this.sessions = sessions;
  }

  /** Opens everything the configuration describes; nothing stays open when this fails. */
  public static Comptoir open(Configuration configuration) {
    return open(configuration, Clock.systemUTC());
  }

  /**
   * Opens everything with the given clock (tests move it to reach expiry and review dates); nothing
   * stays open when this fails.
   */
  public static Comptoir open(Configuration configuration, Clock baseClock) {
    return open(configuration, baseClock, System.getenv());
  }

  /**
   * Opens everything with the given clock and environment, where the variables that flow documents
   * name (database passwords, HTTP header secrets) are looked up; nothing stays open when this
   * fails.
   */
  public static Comptoir open(
      Configuration configuration, Clock baseClock, Map<String, String> environment) {
    return open(configuration, baseClock, environment, java.util.function.UnaryOperator.identity());
  }

  /**
   * Opens everything, the engine wrapped by {@code engineWrapper}: tests hold the engine's work
   * back with it to see what happens meanwhile.
   */
  public static Comptoir open(
      Configuration configuration,
      Clock baseClock,
      Map<String, String> environment,
      java.util.function.UnaryOperator<DataEngine> engineWrapper) {
    requireNonNull(configuration, "configuration is null");
    requireNonNull(engineWrapper, "engineWrapper is null");
    requireNonNull(environment, "environment is null");
    Path dataDirectory = configuration.path(ConfigKeys.DATA_DIR);
    createDirectory(dataDirectory);
    createDirectory(dataDirectory.resolve("inbox"));
    Path temp = createDirectory(dataDirectory.resolve("tmp"));
    // the store keeps milliseconds: a millisecond clock makes what is saved equal what is read
    Clock clock =
        Clock.tick(requireNonNull(baseClock, "baseClock is null"), java.time.Duration.ofMillis(1));

    DataDirectoryLock lock = DataDirectoryLock.acquire(dataDirectory);
    MetadataStore store;
    try {
      store =
          MetadataStore.open(
              new StoreConfig(
                  configuration.optional(ConfigKeys.STORE_JDBC_URL),
                  configuration.string(ConfigKeys.STORE_USER),
                  configuration.string(ConfigKeys.STORE_PASSWORD),
                  dataDirectory));
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    DataEngine engine = null;
    io.comptoir.lineage.Lineage lineage = null;
    SearchIndex search = null;
    try {
      engine =
          engineWrapper.apply(
              new DuckDbEngine(
                  new EngineSettings(
                      temp,
                      configuration.string(ConfigKeys.ENGINE_MEMORY_LIMIT),
                      configuration
                          .optionalInteger(ConfigKeys.ENGINE_THREADS)
                          .orElse(Runtime.getRuntime().availableProcessors()),
                      configuration.string(ConfigKeys.ENGINE_READ_CACHE))));
      Lake lake = new Lake(dataDirectory.resolve("lake"));
      MetadataChanges changes = new MetadataChanges();
      CatalogService catalog = new CatalogService(store.catalog(), clock, changes);
      AuditService audit = new AuditService(store.audit(), clock);
      QualityService quality =
          new QualityService(
              store.quality(),
              new YamlQualityRules(),
              store.catalog(),
              store.ingestion(),
              engine,
              lake,
              changes,
              audit,
              clock);
      lineage = lineage(configuration, store, quality, clock);
      IngestionService ingestion =
          new IngestionService(
              store.catalog(),
              new io.comptoir.lineage.LineageIngestionRepository(
                  store.ingestion(), lineage.emitter()),
              engine,
              lake,
              clock,
              configuration.decimal(ConfigKeys.INGEST_TOLERATED_REJECT_RATE),
              new Drift.Thresholds(
                  configuration.decimal(ConfigKeys.DRIFT_PSI_THRESHOLD),
                  configuration.decimal(ConfigKeys.DRIFT_JS_THRESHOLD)),
              changes);
      ingestion.useQualityGate(quality);
      ingestion.onVersionCommitted(lineage.emitter()::completed);
      ImportDirectories imports =
          new ImportDirectories(configuration.paths(ConfigKeys.INGEST_IMPORT_DIRS));
      PasswordHasher hasher = new BcryptPasswordHasher();
      Secrets secrets = new Secrets();
      IdentityService identities =
          new IdentityService(
              store.identity(),
              hasher,
              secrets,
              clock,
              configuration.integer(ConfigKeys.TOKEN_MAX_DAYS));
      Sessions sessions =
          new Sessions(
              secrets,
              clock,
              java.time.Duration.ofMinutes(configuration.integer(ConfigKeys.SESSION_IDLE_MINUTES)));
      GlossaryService glossary =
          new GlossaryService(store.glossary(), catalog, audit, changes, clock);
      io.comptoir.odcs.OdcsDocuments odcs = new io.comptoir.odcs.OdcsDocuments();
      StandingService standing =
          new StandingService(
              catalog,
              ingestion,
              glossary,
              quality,
              odcs::problems,
              store.standing(),
              audit,
              new ScoreCalculator(
                  scoreWeights(configuration),
                  java.time.Duration.ofDays(
                      configuration.integer(ConfigKeys.SCORE_DEFAULT_FRESHNESS_DAYS))),
              certificationPolicy(configuration),
              clock);
      standing.listen(changes);
      ContractService contracts =
          new ContractService(
              store.catalog(),
              store.contracts(),
              certifiedBy(store.sharing(), standing),
              approvalRules(configuration),
              Period.ofMonths(configuration.integer(ConfigKeys.CONTRACT_MAX_MONTHS)),
              clock,
              new SecureRandom());
      ConsumptionService consumption =
          new ConsumptionService(store.consumption(), store.contracts(), store.catalog(), clock);
      GovernedReadService reads =
          new GovernedReadService(
              contracts,
              ingestion,
              engine,
              lake,
              audit,
              consumption,
              configuration.integer(ConfigKeys.DATA_MAX_ROWS));
      FlowService flows =
          new FlowService(store.flows(), new YamlFlowParser(), catalog, audit, clock);
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      Webhooks webhooks = new Webhooks();
      search = openSearch(configuration, catalog, glossary, standing, consumption, clock);
      search.follow(changes);
      log.debug("metadata store: {}; lake: {}", store.description(), lake.root());
      Comptoir comptoir =
          new Comptoir(
              configuration,
              store,
              engine,
              lake,
              catalog,
              ingestion,
              imports,
              identities,
              new LocalIdentityProvider(store.identity(), hasher),
              sessions,
              lock,
              audit,
              contracts,
              reads,
              consumption,
              flows,
              new FlowRunner(
                  instanceId(dataDirectory),
                  flows,
                  ingestion,
                  store.flowLocks(),
                  Connectors.register(new KindSourceReaders(dataDirectory, clock), environment),
                  temp.resolve("flows"),
                  clock,
                  new FlowMonitoring(
                      metrics,
                      webhooks,
                      clock,
                      ingestion,
                      flow ->
                          flow.source() instanceof io.comptoir.flow.KafkaSource kafka
                              ? java.util.OptionalLong.of(
                                  io.comptoir.connectors.KafkaLag.measure(
                                          kafka, ingestion.progress(flow.id().value()))
                                      .total())
                              : java.util.OptionalLong.empty())),
              metrics,
              webhooks,
              changes,
              glossary,
              standing,
              quality,
              lineage,
              search);
      lineage.bindMetrics(metrics);
      comptoir.recoverIfAlone();
      standing.recomputeAll();
      return comptoir;
    } catch (RuntimeException e) {
      closeQuietly(lineage, e);
      closeQuietly(search, e);
      closeQuietly(engine, e);
      closeQuietly(store, e);
      lock.close();
      throw e;
    }
  }

  /**
   * The data directory's id, kept in {@code instance-id}: the flow leases of its processes are
   * named after it, so that recovery gives back those of a process that was killed.
   */
  private static String instanceId(Path dataDirectory) {
    Path file = dataDirectory.resolve("instance-id");
    try {
      if (!Files.exists(file)) {
        // written whole under another name, then linked: a process starting at the same moment
        // reads either nothing or the whole id
        String id = "comptoir-" + java.util.UUID.randomUUID();
        Path temporary = dataDirectory.resolve("instance-id." + id);
        Files.writeString(temporary, id);
        try {
          Files.createLink(file, temporary);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          // the other process's id stays
        } finally {
          Files.deleteIfExists(temporary);
        }
      }
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "cannot read the data directory's id " + file + ": " + e, e);
    }
  }

  /** The sharing scopes of the store, with the certifications in force of the standing service. */
  private static SharingRepository certifiedBy(SharingRepository scopes, StandingService standing) {
    return new SharingRepository() {
      @Override
      public void save(ProductId product, SharingScope scope) {
        scopes.save(product, scope);
      }

      @Override
      public SharingScope scopeOf(ProductId product) {
        return scopes.scopeOf(product);
      }

      @Override
      public ProductSharing asProductSharing() {
        ProductSharing stored = scopes.asProductSharing();
        return new ProductSharing() {
          @Override
          public boolean staysInEntity(ProductId product) {
            return stored.staysInEntity(product);
          }

          @Override
          public boolean certified(ProductId product) {
            return standing.certification(product).isPresent();
          }
        };
      }
    };
  }

  /** The score weights of {@code score-weights}: {@code criterion=weight} pairs. */
  static ScoreWeights scoreWeights(Configuration configuration) {
    Map<Criterion, Integer> weights = new java.util.EnumMap<>(Criterion.class);
    for (Map.Entry<String, String> pair :
        pairs(configuration, ConfigKeys.SCORE_WEIGHTS).entrySet()) {
      Criterion criterion = Criterion.parse(pair.getKey());
      weights.put(criterion, wholeNumber(ConfigKeys.SCORE_WEIGHTS, pair.getValue()));
    }
    for (Criterion criterion : Criterion.values()) {
      if (!weights.containsKey(criterion)) {
        throw ComptoirException.invalidInput(
            "configuration key '%s': no weight for %s",
            ConfigKeys.SCORE_WEIGHTS.key(), criterion.key());
      }
    }
    return new ScoreWeights(weights);
  }

  /** The checklist, floors and longest duration of certifications. */
  static CertificationPolicy certificationPolicy(Configuration configuration) {
    List<ChecklistItem> checklist = new java.util.ArrayList<>();
    for (String item : configuration.string(ConfigKeys.CERTIFICATION_CHECKLIST).split(",")) {
      if (!item.isBlank()) {
        checklist.add(ChecklistItem.parse(item));
      }
    }
    Map<StandingFacts.CertificationLevel, Integer> floors =
        new java.util.EnumMap<>(StandingFacts.CertificationLevel.class);
    for (Map.Entry<String, String> pair :
        pairs(configuration, ConfigKeys.CERTIFICATION_FLOORS).entrySet()) {
      StandingFacts.CertificationLevel level;
      try {
        level =
            StandingFacts.CertificationLevel.valueOf(
                pair.getKey().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ComptoirException.invalidInput(
            "configuration key '%s': unknown level '%s' (expected BRONZE, SILVER or GOLD)",
            ConfigKeys.CERTIFICATION_FLOORS.key(), pair.getKey());
      }
      floors.put(level, wholeNumber(ConfigKeys.CERTIFICATION_FLOORS, pair.getValue()));
    }
    return new CertificationPolicy(
        checklist, floors, configuration.integer(ConfigKeys.CERTIFICATION_MAX_MONTHS));
  }

  private static Map<String, String> pairs(Configuration configuration, ConfigKey key) {
    Map<String, String> pairs = new java.util.LinkedHashMap<>();
    for (String part : configuration.string(key).split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] keyValue = part.split("=", 2);
      if (keyValue.length != 2 || keyValue[0].isBlank()) {
        throw ComptoirException.invalidInput(
            "configuration key '%s': expected name=value pairs separated by commas, got '%s'",
            key.key(), part.strip());
      }
      if (pairs.put(keyValue[0].strip(), keyValue[1].strip()) != null) {
        throw ComptoirException.invalidInput(
            "configuration key '%s': '%s' is given twice", key.key(), keyValue[0].strip());
      }
    }
    return pairs;
  }

  private static int wholeNumber(ConfigKey key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ComptoirException.invalidInput(
          "configuration key '%s': expected a whole number, got '%s'", key.key(), value);
    }
  }

  /**
   * Lineage: events stored in the metadata store, emitted in the background, forwarded when {@code
   * lineage-forward-url} is set.
   */
  private static io.comptoir.lineage.Lineage lineage(
      Configuration configuration,
      MetadataStore store,
      io.comptoir.quality.QualityFacts quality,
      Clock clock) {
    Optional<io.comptoir.lineage.HttpLineageForwarding> forwarding =
        configuration
            .optional(ConfigKeys.LINEAGE_FORWARD_URL)
            .filter(url -> !url.isBlank())
            .map(
                url -> {
                  java.net.URI uri;
                  try {
                    uri = new java.net.URI(url.strip());
                  } catch (java.net.URISyntaxException e) {
                    throw ComptoirException.invalidInput(
                        "configuration key 'lineage-forward-url': not a URL: %s", url);
                  }
                  if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw ComptoirException.invalidInput(
                        "configuration key 'lineage-forward-url': expected an http(s) URL, got"
                            + " '%s'",
                        url);
                  }
                  return new io.comptoir.lineage.HttpLineageForwarding(
                      uri,
                      configuration.optional(ConfigKeys.LINEAGE_FORWARD_API_KEY),
                      configuration.integer(ConfigKeys.LINEAGE_QUEUE_SIZE),
                      3,
                      java.time.Duration.ofMillis(500));
                });
    String namespace = configuration.string(ConfigKeys.LINEAGE_NAMESPACE);
    io.comptoir.lineage.LineageService service =
        new io.comptoir.lineage.LineageService(
            store.lineage(),
            io.comptoir.lineage.Lineage.entityWalls(store.catalog(), store.sharing()),
            forwarding
                .<io.comptoir.lineage.LineageForwarding>map(f -> f)
                .orElse(io.comptoir.lineage.LineageForwarding.NONE),
            namespace,
            clock);
    YamlFlowParser parser = new YamlFlowParser();
    io.comptoir.lineage.IngestionSources sources =
        new io.comptoir.lineage.IngestionSources(
            flow -> {
              try {
                return store
                    .flows()
                    .findLatest(io.comptoir.flow.FlowId.of(flow))
                    .filter(d -> d.kind() == io.comptoir.flow.FlowDocumentKind.FLOW)
                    .map(d -> parser.parseResolved(d.resolved()).source());
              } catch (RuntimeException e) {
                log.warn("lineage: cannot read the source of flow {}: {}", flow, e.getMessage());
                return Optional.empty();
              }
            },
            hostName(),
            configuration.path(ConfigKeys.DATA_DIR));
    io.comptoir.lineage.LineageEmitter emitter =
        new io.comptoir.lineage.LineageEmitter(
            service,
            new io.comptoir.lineage.OpenLineageEvents(
                namespace, configuration.string(ConfigKeys.LINEAGE_PUBLIC_URL)),
            sources,
            quality,
            id ->
                store
                    .contracts()
                    .find(id)
                    .orElseThrow(() -> new io.comptoir.common.NotFoundException("contract", id)),
            clock,
            configuration.integer(ConfigKeys.LINEAGE_QUEUE_SIZE));
    return new io.comptoir.lineage.Lineage(service, emitter, forwarding);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /**
   * The catalog's search index under the configured directory, with the glossary's synonyms and the
   * products' data score and certification.
   */
  private static SearchIndex openSearch(
      Configuration configuration,
      CatalogService catalog,
      GlossaryFacts glossary,
      StandingFacts standing,
      ConsumptionService consumption,
      Clock clock) {
    RankingWeights weights =
        new RankingWeights(
            1.0,
            configuration.decimal(ConfigKeys.SEARCH_WEIGHT_SCORE),
            configuration.decimal(ConfigKeys.SEARCH_WEIGHT_CERTIFICATION),
            configuration.decimal(ConfigKeys.SEARCH_WEIGHT_CONSUMPTION));
    SearchSources sources =
        SearchSources.of(
            catalog,
            glossary,
            standing,
            () -> {
              java.time.LocalDate today = consumption.today();
              Map<io.comptoir.catalog.ProductId, Long> reads = new java.util.HashMap<>();
              for (ConsumptionService.ProductConsumption entry :
                  consumption.popularity(today.minusDays(89), today)) {
                reads.put(entry.product(), entry.totals().reads());
              }
              return reads;
            });
    Path directory = createDirectory(configuration.path(ConfigKeys.SEARCH_INDEX_DIR));
    java.util.Optional<SemanticMode> semantic =
        configuration.bool(ConfigKeys.SEARCH_SEMANTIC)
            ? java.util.Optional.of(
                new SemanticMode(
                    new MiniLmEmbedder(), configuration.decimal(ConfigKeys.SEARCH_SEMANTIC_WEIGHT)))
            : java.util.Optional.empty();
    return SearchIndex.open(directory, sources, weights, clock, semantic);
  }

  static ApprovalRules approvalRules(Configuration configuration) {
    return new ApprovalRules(
        configuration.bool(ConfigKeys.APPROVAL_DPO_FOR_PERSONAL_DATA),
        configuration.bool(ConfigKeys.APPROVAL_LEGAL_ACROSS_ENTITIES),
        configuration.bool(ConfigKeys.APPROVAL_LEGAL_FOR_EXTERNAL_PURPOSES),
        configuration.classifications(ConfigKeys.APPROVAL_DATA_OFFICE_CLASSIFICATIONS),
        configuration.bool(ConfigKeys.APPROVAL_DATA_OFFICE_FOR_CERTIFIED));
  }

  /**
   * Recovers from a crash (interrupted runs failed, unreferenced lake files removed) when no other
   * Comptoir process uses the data directory; otherwise leaves their work in flight alone. Runs
   * once, when opening.
   */
  private void recoverIfAlone() {
    if (!lock.alone()) {
      log.info("another Comptoir process uses {}: crash recovery skipped", dataDirectory());
      return;
    }
    try {
      ingestion.recover();
      flowRunner.recover();
      recovered = true;
    } finally {
      lock.share();
    }
  }

  /** Whether opening ran the crash recovery (no other process used the data directory). */
  public boolean recovered() {
    return recovered;
  }

  /** Starts the HTTP server on the configured host and port. */
  public ApiServer startHttp() {
    return ApiServer.start(
        configuration.string(ConfigKeys.HTTP_HOST),
        configuration.integer(ConfigKeys.HTTP_PORT),
        new Services(
            catalog,
            ingestion,
            importDirectories,
            new UploadSettings(
                createDirectory(dataDirectory().resolve("uploads")),
                configuration.bytes(ConfigKeys.INGEST_MAX_UPLOAD_BYTES)),
            identities,
            identityProvider,
            sessions,
            contracts,
            reads,
            audit,
            consumption,
            flows,
            flowRunner,
            metrics,
            glossary,
            standing,
            quality,
            lineage,
            search));
  }

  /**
   * Starts running flows on their schedule and when files arrive, as configured ({@code
   * flow-scheduler}); stopped by {@link #close()}.
   */
  public synchronized void startScheduler() {
    if (scheduler != null || !configuration.bool(ConfigKeys.FLOW_SCHEDULER)) {
      return;
    }
    scheduler =
        new FlowScheduler(
                flows,
                flowRunner,
                dataDirectory(),
                catalog.clock(),
                configuration.integer(ConfigKeys.FLOW_RUN_THREADS))
            .start(
                java.time.Duration.ofSeconds(
                    configuration.integer(ConfigKeys.FLOW_SCHEDULER_SECONDS)));
  }

  /** The in-process bus telling derived data (score, search) that metadata changed. */
  public MetadataChanges changes() {
    return changes;
  }

  public GlossaryService glossary() {
    return glossary;
  }

  public StandingService standing() {
    return standing;
  }

  public io.comptoir.lineage.Lineage lineage() {
    return lineage;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** Quality rules, their evaluation and results; also the {@code QualityFacts} of others. */
  public QualityService quality() {
    return quality;
  }

  public FlowRunner flowRunner() {
    return flowRunner;
  }

  public FlowService flows() {
    return flows;
  }

  public ConsumptionService consumption() {
    return consumption;
  }

  public ContractService contracts() {
    return contracts;
  }

  public Configuration configuration() {
    return configuration;
  }

  public Path dataDirectory() {
    return configuration.path(ConfigKeys.DATA_DIR);
  }

  /** Governed reads, as the data API runs them (the benchmark probes them without HTTP). */
  public GovernedReadService reads() {
    return reads;
  }

  public AuditService audit() {
    return audit;
  }

  public CatalogService catalog() {
    return catalog;
  }

  public SearchIndex search() {
    return search;
  }

  public IngestionService ingestion() {
    return ingestion;
  }

  public IdentityService identities() {
    return identities;
  }

  public IdentityProvider identityProvider() {
    return identityProvider;
  }

  public ImportDirectories importDirectories() {
    return importDirectories;
  }

  public Lake lake() {
    return lake;
  }

  /** "SQLite /path/comptoir.db" or the PostgreSQL URL, without password. */
  public String storeDescription() {
    return store.description();
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    synchronized (this) {
      if (scheduler != null) {
        scheduler.close();
      }
    }
    // the profiles still queued are computed before the engine closes, and their drift alerts
    // sent before the webhooks stop
    ingestion.close();
    webhooks.close();
    // each part closes even when one before it failed; the first failure is thrown, the others
    // are suppressed in it
    for (AutoCloseable part : List.<AutoCloseable>of(lineage, search, engine, store)) {
      try {
        part.close();
      } catch (Exception e) {
        RuntimeException thrown =
            e instanceof RuntimeException runtime
                ? runtime
                : new ComptoirException(ErrorCode.INTERNAL, "cannot close: " + e.getMessage(), e);
        if (failure == null) {
          failure = thrown;
        } else {
          failure.addSuppressed(thrown);
        }
      }
    }
    lock.close();
    if (failure != null) {
      throw failure;
    }
  }

  private static Path createDirectory(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ComptoirException(
          ErrorCode.INVALID_INPUT, "cannot create directory " + directory + ": " + e, e);
    }
  }

  private static void closeQuietly(AutoCloseable closeable, Exception failure) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}

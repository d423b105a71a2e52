package io.comptoir.bench;

import io.comptoir.api.ApiServer;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.config.Configuration;
import io.comptoir.contract.AccessRequestForm;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.Consumer;
import io.comptoir.contract.ContractTerms;
import io.comptoir.contract.DataRequest;
import io.comptoir.contract.Decision;
import io.comptoir.contract.LegalBasis;
import io.comptoir.contract.Masking;
import io.comptoir.contract.OutputFormat;
import io.comptoir.contract.Purpose;
import io.comptoir.contract.PurposeCategory;
import io.comptoir.contract.UsageContract;
import io.comptoir.identity.AccountStatus;
import io.comptoir.identity.IdentityService;
import io.comptoir.identity.Role;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import io.comptoir.ingest.DuplicatePolicy;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.Version;
import io.comptoir.server.Comptoir;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Comptoir server of the governed benchmark, in its own JVM: opens a data directory, creates
 * the customers product, ingests the Parquet file into a real version, creates a consumer with an
 * active usage contract (3 masked columns, a row scope) approved by its committee, starts the HTTP
 * server and prints {@code url=}, {@code token=} and {@code files=} (the version's Parquet files)
 * then {@code ready=true}. It serves until its standard input is closed.
 *
 * <p>Arguments: data directory, Parquet file, engine memory limit, engine threads.
 */
public final class GovernedServerChild {
  static final ProductId PRODUCT = ProductId.of("clients-bench");
  static final String CONSUMER = "camille.consommatrice";

  private GovernedServerChild() {}

  public static void main(String[] args) throws Exception {
    Path dataDirectory = Path.of(args[0]);
    Path parquet = Path.of(args[1]);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("data-dir", dataDirectory.toString());
    values.put("http-host", "127.0.0.1");
    values.put("http-port", "0");
    values.put("engine-memory-limit", args[2]);
    values.put("engine-threads", args[3]);
    if (args.length > 4) {
      // the metadata store in PostgreSQL, as in production, instead of the SQLite file
      values.put("store-jdbc-url", args[4]);
      values.put("store-user", "postgres");
    }
    values.put("data-max-rows", "999999999");
    try (Comptoir comptoir = Comptoir.open(Configuration.of(values, dataDirectory))) {
      seed(comptoir.catalog());
      long start = System.nanoTime();
      IngestionRun run =
          comptoir
              .ingestion()
              .ingest(
                  IngestionRequest.of(PRODUCT, parquet).withDuplicates(DuplicatePolicy.FORCE),
                  ProgressListener.NONE);
      System.out.println("ingest_seconds=" + Measure.seconds(start));
      System.out.println("rows=" + run.rowsAccepted());
      Version version = comptoir.ingestion().findLatestVersion(PRODUCT).orElseThrow();
      // the profile runs in the background after the ingestion: done before anything is measured
      comptoir.ingestion().profiled(PRODUCT, version.number()).join();
      System.out.println("version=" + version.number());
      System.out.println(
          "files="
              + version.files().stream()
                  .map(f -> comptoir.lake().resolve(f.path()).toString())
                  .collect(Collectors.joining(File.pathSeparator)));
      IdentityService identities = comptoir.identities();
      user(identities, CONSUMER, Role.CONSUMER);
      UsageContract contract = activeContract(comptoir);
      System.out.println("contract=" + contract.id().value());
      // the benchmark's own contract: its key lets the baseline run the engine's very statement
      System.out.println(
          "contract_key="
              + java.util.HexFormat.of()
                  .formatHex(
                      comptoir
                          .contracts()
                          .activeContractFor(PRODUCT, CONSUMER, Optional.empty())
                          .key()
                          .bytes()));
      System.out.println("contract_status=" + contract.status());
      System.out.println(
          "token="
              + identities
                  .issueToken(Username.of(CONSUMER), Optional.empty(), "bench", 1)
                  .secret());
      String token =
          identities.issueToken(Username.of(CONSUMER), Optional.empty(), "bench", 1).secret();
      System.out.println("token=" + token);
      probe(comptoir, token);
      try (ApiServer server = comptoir.startHttp()) {
        System.out.println("url=" + server.url());
        System.out.println("ready=true");
        System.out.flush();
        while (System.in.read() >= 0) {
          // serves until the benchmark closes our standard input
        }
        System.out.println("peak_rss_mib=" + Measure.peakRssMib());
      }
    }
  }

  /**
   * Times, one at a time and without HTTP, the metadata-store work every governed read does on the
   * single SQLite connection: the token check, the contract check and the audit append (200 each,
   * after 50 unrecorded; the appends are real audit records of action {@code BENCH_PROBE}).
   */
  private static void probe(Comptoir comptoir, String token) {
    int warmup = 50;
    int count = 200;
    Runnable authenticate = () -> comptoir.identities().authenticate(token);
    Runnable contract =
        () -> comptoir.contracts().activeContractFor(PRODUCT, CONSUMER, Optional.empty());
    Runnable audit =
        () ->
            comptoir
                .audit()
                .record(CONSUMER, "BENCH_PROBE", "product:" + PRODUCT.value(), Map.of("n", "1"));
    DataRequest small =
        new DataRequest(
            PRODUCT,
            CONSUMER,
            Optional.empty(),
            OptionalInt.empty(),
            "",
            "",
            "",
            OptionalLong.of(100),
            0,
            OutputFormat.CSV);
    Runnable cachedRead =
        () ->
            comptoir.reads().stream(
                small, comptoir.reads().prepare(small), java.io.OutputStream.nullOutputStream());
    print("authenticate", authenticate, warmup, count);
    print("contract_check", contract, warmup, count);
    print("audit_append", audit, warmup, count);
    // the whole read of the small-read benchmark without HTTP nor lineage: contract check, query
    // (answered by the read cache after the first), audit append, consumption count
    print("cached_read", cachedRead, warmup, count);
    DataRequest export =
        new DataRequest(
            PRODUCT,
            CONSUMER,
            Optional.empty(),
            OptionalInt.empty(),
            "",
            CustomersParquet.CONSUMER_FILTER,
            "",
            OptionalLong.empty(),
            0,
            OutputFormat.CSV);
    // the governed export without HTTP, to a null stream: the best of 3
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      comptoir.reads().stream(
          export, comptoir.reads().prepare(export), java.io.OutputStream.nullOutputStream());
      best = Math.min(best, Measure.seconds(start));
    }
    System.out.printf(Locale.ROOT, "export_in_process_seconds=%.2f%n", best);
  }

  /** Prints the mean wall time and the mean CPU time of this thread, in milliseconds. */
  private static void print(String name, Runnable work, int warmup, int count) {
    for (int i = 0; i < warmup; i++) {
      work.run();
    }
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      work.run();
    }
    double wall = (System.nanoTime() - start) / 1e6 / count;
    double cpuMillis = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / count;
    System.out.printf(Locale.ROOT, "%s_ms=%.3f%n", name, wall);
    System.out.printf(Locale.ROOT, "%s_cpu_ms=%.3f%n", name, cpuMillis);
  }

  private static void seed(CatalogService catalog) {
    Instant now = catalog.clock().instant();
    catalog.saveEntity(new LegalEntity("LBP", "La Banque Postale", ""));
    catalog.saveDomain(new Domain("clients", "Clients", ""));
    catalog.saveProduct(
        new DataProduct(
            PRODUCT,
            "Clients (benchmark)",
            "Clients fictifs générés par DuckDB pour le banc d'essai",
            "LBP",
            "clients",
            "olivier.proprietaire",
            "",
            "bench",
            Classification.INTERNAL,
            List.of(),
            CustomersParquet.COLUMNS,
            now,
            now));
  }

  private static void user(IdentityService identities, String name, Role role) {
    identities.saveUser(
        new User(Username.of(name), name, "", "LBP", Set.of(role), AccountStatus.ACTIVE));
  }

  /** Requests the access as the consumer, then approves as every required committee role. */
  private static UsageContract activeContract(Comptoir comptoir) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Map<String, Masking> maskings = new LinkedHashMap<>();
    CustomersParquet.MASKINGS.forEach(
        (column, masking) -> maskings.put(column, Masking.parse(masking)));
    UsageContract requested =
        comptoir
            .contracts()
            .request(
                new AccessRequestForm(
                    PRODUCT,
                    new Consumer(CONSUMER, Optional.empty(), "LBP"),
                    new Purpose(
                        "Mesurer la fréquentation par segment",
                        PurposeCategory.ANALYTICS,
                        LegalBasis.LEGITIMATE_INTERESTS,
                        "banc d'essai",
                        CONSUMER),
                    CustomersParquet.GRANTED,
                    maskings,
                    CustomersParquet.ROW_SCOPE,
                    new ContractTerms(today, today.plusMonths(6), Period.ofMonths(3)),
                    Optional.empty()));
    UsageContract contract = requested;
    for (ApproverRole role : requested.required()) {
      contract =
          comptoir
              .contracts()
              .decide(
                  requested.id(),
                  new Decision(
                      role,
                      "approver." + role.name().toLowerCase(java.util.Locale.ROOT),
                      io.comptoir.contract.Verdict.APPROVED,
                      "",
                      comptoir.catalog().clock().instant()),
                  List.of());
    }
    return contract;
  }
}

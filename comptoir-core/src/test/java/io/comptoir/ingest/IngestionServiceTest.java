package io.comptoir.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestionServiceTest {
  private static final ProductId PRODUCT = ProductId.of("colis");

  @TempDir Path directory;
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final FakeEngine engine = new FakeEngine();
  private Lake lake;
  private IngestionService service;

  @BeforeEach
  void setUp() {
    Clock clock = Clock.systemUTC();
    repositories.saveEntity(new LegalEntity("BSCC", "Courrier Colis", ""));
    repositories.saveDomain(new Domain("colis", "Colis", ""));
    repositories.saveProduct(
        new DataProduct(
            PRODUCT,
            "Colis",
            "",
            "BSCC",
            "colis",
            "owner",
            "",
            "",
            Classification.INTERNAL,
            List.of(),
            List.of(),
            clock.instant(),
            clock.instant()));
    lake = new Lake(directory.resolve("lake"));
    service = new IngestionService(repositories, repositories, engine, lake, clock, 0.4);
  }

  @Test
  void createsAVersionAndInfersTheSchemaOnFirstLoad() throws IOException {
    IngestionRun run =
        service.ingest(request("a.csv", "value\nx\ny\nbad\n"), ProgressListener.NONE);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.rowsRead()).isEqualTo(3);
    assertThat(run.rowsAccepted()).isEqualTo(2);
    assertThat(run.rowsQuarantined()).isEqualTo(1);
    Version version = service.loadVersion(PRODUCT, 1);
    assertThat(version.rowCount()).isEqualTo(2);
    assertThat(version.files())
        .singleElement()
        .satisfies(f -> assertThat(lake.resolve(f.path())).exists());
    assertThat(repositories.findProduct(PRODUCT).orElseThrow().columns()).hasSize(1);
    assertThat(run.quarantineFile()).hasValueSatisfying(f -> assertThat(lake.resolve(f)).exists());
    assertThat(stagingEntries()).isEmpty();
  }

  @Test
  void failsWithoutVersionWhenTheRejectRateIsAboveTheTolerance() throws IOException {
    assertThatThrownBy(
            () -> service.ingest(request("a.csv", "value\nx\nbad\nbad\n"), ProgressListener.NONE))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("2 of 3 rows rejected (66.67%), above the tolerated 40.00%");

    assertThat(repositories.versions).isEmpty();
    IngestionRun run = repositories.runs.values().iterator().next();
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.rowsRead()).isEqualTo(run.rowsAccepted() + run.rowsQuarantined()).isEqualTo(3);
    assertThat(run.quarantineFile()).isPresent();
    lake.removeOrphans(repositories.referencedFiles());
    assertThat(lake.resolve(run.quarantineFile().get())).exists();
    assertThat(lake.resolve("colis/data")).doesNotExist();
  }

  @Test
  void refusesTheSameFileTwiceUnlessForced() throws IOException {
    IngestionRequest request = request("a.csv", "value\nx\n");
    service.ingest(request, ProgressListener.NONE);

    assertThatThrownBy(() -> service.ingest(request, ProgressListener.NONE))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("a.csv was already ingested into colis as version 1")
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.CONFLICT);

    IngestionRun forced =
        service.ingest(request.withDuplicates(DuplicatePolicy.FORCE), ProgressListener.NONE);
    assertThat(forced.versionNumber()).contains(2);
  }

  @Test
  void appendListsThePreviousFilesAndOverwriteReplacesThem() throws IOException {
    service.ingest(request("a.csv", "value\nx\ny\n"), ProgressListener.NONE);
    service.ingest(
        request("b.csv", "value\nz\n").withMode(WriteMode.APPEND), ProgressListener.NONE);
    service.ingest(request("c.csv", "value\nw\n"), ProgressListener.NONE);

    assertThat(service.loadVersion(PRODUCT, 2).rowCount()).isEqualTo(3);
    assertThat(service.loadVersion(PRODUCT, 2).files()).hasSize(2);
    assertThat(service.loadVersion(PRODUCT, 3).files()).hasSize(1);
    assertThat(service.loadVersion(PRODUCT, 1).rowCount()).isEqualTo(2);
  }

  @Test
  void mergeSharesTheFilesWithoutNewKeysAndRewritesTheOthers() throws IOException {
    service.ingest(request("a.csv", "value\nx\ny\n"), ProgressListener.NONE);
    service.ingest(
        request("b.csv", "value\nz\nv\n").withMode(WriteMode.APPEND), ProgressListener.NONE);

    IngestionRun run =
        service.ingest(
            request("c.csv", "value\nz\nw\nbad\n").withMode(WriteMode.MERGE, List.of("value")),
            ProgressListener.NONE);

    assertThat(run.rowsRead()).isEqualTo(run.rowsAccepted() + run.rowsQuarantined()).isEqualTo(3);
    Version merged = service.loadVersion(PRODUCT, 3);
    assertThat(merged.mode()).isEqualTo(WriteMode.MERGE);
    assertThat(merged.rowCount()).as("x, y, v, then z and w").isEqualTo(5);
    assertThat(merged.files()).hasSize(3);
    assertThat(merged.files().get(0)).isEqualTo(service.loadVersion(PRODUCT, 1).files().get(0));
    assertThat(lines(merged)).containsExactlyInAnyOrder("x", "y", "v", "z", "w");
    assertThat(lines(service.loadVersion(PRODUCT, 2)))
        .as("the previous version is intact")
        .containsExactlyInAnyOrder("x", "y", "z", "v");
    assertThat(stagingEntries()).isEmpty();
  }

  @Test
  void aFailedMergeCreatesNoVersionAndRecordsItsStep() throws IOException {
    service.ingest(request("a.csv", "value\nx\n"), ProgressListener.NONE);

    assertThatThrownBy(
            () ->
                service.ingest(
                    request("b.csv", "value\nz\nz\nbad\n")
                        .withMode(WriteMode.MERGE, List.of("value")),
                    ProgressListener.NONE))
        .isInstanceOf(ComptoirException.class)
        .hasMessage(
            "ingestion of b.csv failed in merge: key (z) is held by 2 new rows: merge needs one"
                + " row per key");
    assertThatThrownBy(
            () ->
                service.ingest(
                    request("c.csv", "value\nz\n").withMode(WriteMode.SCD2, List.of("id")),
                    ProgressListener.NONE))
        .hasMessage(
            "ingestion of c.csv failed in schema: key column 'id' is not a column of colis"
                + " (columns: [value])");

    assertThat(service.listVersions(PRODUCT)).hasSize(1);
    assertThat(service.listRuns(PRODUCT, 10))
        .extracting(IngestionRun::status, r -> r.error().orElse(""))
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                RunStatus.FAILED,
                "merge: key (z) is held by 2 new rows: merge needs one row per key"));
    IngestionRun failed =
        service.listRuns(PRODUCT, 10).stream()
            .filter(r -> r.source().equals("b.csv"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.rowsRead()).isEqualTo(failed.rowsAccepted() + failed.rowsQuarantined());
    lake.removeOrphans(repositories.referencedFiles());
    assertThat(failed.quarantineFile())
        .as("the quarantine of a failed merge is kept")
        .hasValueSatisfying(f -> assertThat(lake.resolve(f)).exists());
    assertThat(lines(service.loadVersion(PRODUCT, 1))).containsExactly("x");
    assertThat(stagingEntries()).isEmpty();
  }

  @Test
  void historyAddsItsColumnsToTheVersionAndTheProduct() throws IOException {
    service.ingest(
        request("a.csv", "value\nx\n").withMode(WriteMode.SCD2, List.of("value")),
        ProgressListener.NONE);
    service.ingest(
        request("b.csv", "value\ny\n").withMode(WriteMode.SCD2, List.of("value")),
        ProgressListener.NONE);

    List<String> names =
        List.of("value", HistoryColumns.VALID_FROM, HistoryColumns.VALID_TO, "is_current");
    assertThat(service.loadVersion(PRODUCT, 2).schema())
        .extracting(io.comptoir.catalog.Column::name)
        .isEqualTo(names);
    assertThat(repositories.findProduct(PRODUCT).orElseThrow().columns())
        .extracting(io.comptoir.catalog.Column::name, io.comptoir.catalog.Column::personalData)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("value", PersonalDataCategory.NONE),
            org.assertj.core.groups.Tuple.tuple("valid_from", PersonalDataCategory.NONE),
            org.assertj.core.groups.Tuple.tuple("valid_to", PersonalDataCategory.NONE),
            org.assertj.core.groups.Tuple.tuple("is_current", PersonalDataCategory.NONE));
    assertThat(service.loadVersion(PRODUCT, 2).rowCount()).isEqualTo(2);
    assertThat(engine.historized).containsExactly(Optional.empty(), Optional.empty());
  }

  @Test
  void historyStartsFromAVersionOfAnotherMode() throws IOException {
    service.ingest(request("a.csv", "value\nx\n"), ProgressListener.NONE);

    service.ingest(
        request("b.csv", "value\ny\n").withMode(WriteMode.SCD2, List.of("value")),
        ProgressListener.NONE);

    assertThat(engine.historized)
        .containsExactly(Optional.of(service.loadVersion(PRODUCT, 1).createdAt()));
  }

  @Test
  void historyRefusesAPreviousVersionOfOtherColumns() throws IOException {
    service.ingest(request("a.csv", "value\nx\n"), ProgressListener.NONE);
    DataProduct product = repositories.findProduct(PRODUCT).orElseThrow();
    repositories.saveProduct(
        product.withColumns(
            List.of(
                io.comptoir.catalog.Column.of("value", io.comptoir.catalog.DataType.STRING),
                io.comptoir.catalog.Column.of("extra", io.comptoir.catalog.DataType.STRING)),
            product.updatedAt()));

    assertThatThrownBy(
            () ->
                service.ingest(
                    request("b.csv", "value\nz\n").withMode(WriteMode.SCD2, List.of("value")),
                    ProgressListener.NONE))
        .hasMessage(
            "ingestion of b.csv failed in scd2: cannot keep a history: version 1 has columns"
                + " [value:string] but this load has [value:string, extra:string] (then"
                + " valid_from, valid_to, is_current); use overwrite");
    assertThat(service.listVersions(PRODUCT)).hasSize(1);
  }

  @Test
  void keyedModesNeedKeysAndTheOthersTakeNone() throws IOException {
    IngestionRequest request = request("a.csv", "value\nx\n");
    assertThatThrownBy(() -> request.withMode(WriteMode.MERGE))
        .hasMessage("write mode merge needs keys: the columns that identify a row");
    assertThatThrownBy(() -> request.withMode(WriteMode.APPEND, List.of("value")))
        .hasMessage("keys are only used by the merge and scd2 write modes, not append");
    assertThatThrownBy(() -> request.withMode(WriteMode.SCD2, List.of("value", "value")))
        .hasMessage("keys are repeated: [value, value]");
  }

  @Test
  void recordsTheFailingStepAndCleansTheStagingDirectory() throws IOException {
    engine.failure = ComptoirException.invalidInput("boom on line 3");
    assertThatThrownBy(() -> service.ingest(request("a.csv", "value\nx\n"), ProgressListener.NONE))
        .hasMessage("ingestion of a.csv failed in validate: boom on line 3");
    IngestionRun run = repositories.runs.values().iterator().next();
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).contains("validate: boom on line 3");
    assertThat(stagingEntries()).isEmpty();
  }

  @Test
  void refusesEmptyFilesAndUnknownProducts() throws IOException {
    assertThatThrownBy(() -> service.ingest(request("empty.csv", ""), ProgressListener.NONE))
        .hasMessage("file is empty: empty.csv");
    Path file = Files.writeString(directory.resolve("x.csv"), "value\nx\n");
    assertThatThrownBy(
            () ->
                service.ingest(
                    IngestionRequest.of(ProductId.of("nope"), file), ProgressListener.NONE))
        .hasMessage("product not found: nope");
    assertThatThrownBy(
            () ->
                service.ingest(
                    IngestionRequest.of(PRODUCT, directory.resolve("missing.csv")),
                    ProgressListener.NONE))
        .hasMessageContaining("file not found: ");
  }

  @Test
  void recoveryFailsInterruptedRunsAndRemovesUncommittedFiles() throws IOException {
    service.ingest(request("a.csv", "value\nx\n"), ProgressListener.NONE);
    IngestionRun interrupted =
        IngestionRun.started(
            RunId.random(),
            PRODUCT,
            "b.csv",
            "abc",
            1,
            WriteMode.OVERWRITE,
            Clock.systemUTC().instant());
    repositories.insertRun(interrupted);
    Path orphan =
        Files.createDirectories(lake.resolve("colis/data"))
            .resolve(interrupted.id() + "-0.parquet");
    Files.writeString(orphan, "half written");
    lake.createStagingDirectory(interrupted.id());

    service.recover();

    assertThat(repositories.runs.get(interrupted.id()).status()).isEqualTo(RunStatus.FAILED);
    assertThat(repositories.runs.get(interrupted.id()).error())
        .hasValueSatisfying(e -> assertThat(e).startsWith("interrupted"));
    assertThat(orphan).doesNotExist();
    assertThat(stagingEntries()).isEmpty();
    assertThat(lake.resolve(service.loadVersion(PRODUCT, 1).files().get(0).path())).exists();
  }

  @Test
  void returnsOnceTheVersionIsCommittedAndProfilesItInTheBackground() throws Exception {
    engine.profileGate = new java.util.concurrent.CountDownLatch(1);

    IngestionRun run = service.ingest(request("a.csv", "value\nx\ny\n"), ProgressListener.NONE);

    // readable and listed while its profile waits
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(service.findLatestVersion(PRODUCT))
        .hasValueSatisfying(v -> assertThat(v.number()).isEqualTo(1));
    assertThat(service.profiling(PRODUCT, 1)).isTrue();
    java.util.concurrent.CompletableFuture<Optional<VersionProfile>> profiled =
        service.profiled(PRODUCT, 1);
    assertThat(profiled).isNotDone();
    assertThat(repositories.findProfile(PRODUCT, 1)).isEmpty();

    engine.profileGate.countDown();

    assertThat(profiled.get(10, java.util.concurrent.TimeUnit.SECONDS))
        .hasValueSatisfying(p -> assertThat(p.rows()).isEqualTo(2));
    assertThat(service.profiling(PRODUCT, 1)).isFalse();
    assertThat(repositories.findProfile(PRODUCT, 1)).isPresent();
    assertThat(service.profiled(PRODUCT, 1)).isCompletedWithValueMatching(Optional::isPresent);
  }

  @Test
  void profilesTheVersionsInTheOrderTheyWereCommitted() throws Exception {
    engine.profileGate = new java.util.concurrent.CountDownLatch(1);
    service.ingest(request("a.csv", "value\nx\n"), ProgressListener.NONE);
    service.ingest(request("b.csv", "value\nx\ny\n"), ProgressListener.NONE);
    List<Integer> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    service.profiled(PRODUCT, 2).thenRun(() -> order.add(2));
    service.profiled(PRODUCT, 1).thenRun(() -> order.add(1));

    engine.profileGate.countDown();
    service.profiled(PRODUCT, 2).get(10, java.util.concurrent.TimeUnit.SECONDS);

    org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(order).containsExactly(1, 2));
  }

  @Test
  void closingWaitsForTheQueuedProfiles() throws Exception {
    engine.profileGate = new java.util.concurrent.CountDownLatch(1);
    service.ingest(request("a.csv", "value\nx\n"), ProgressListener.NONE);
    service.ingest(request("b.csv", "value\nx\ny\n"), ProgressListener.NONE);
    java.util.concurrent.CompletableFuture<Void> closing =
        java.util.concurrent.CompletableFuture.runAsync(service::close);

    // held by the gate, the queue keeps closing waiting
    org.awaitility.Awaitility.await()
        .during(java.time.Duration.ofMillis(300))
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> !closing.isDone());
    engine.profileGate.countDown();
    closing.get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(repositories.findProfile(PRODUCT, 1)).isPresent();
    assertThat(repositories.findProfile(PRODUCT, 2)).isPresent();
  }

  @Test
  void aFailedProfileLeavesTheVersionAndIsResumedLater() throws Exception {
    engine.profileFailure = new IllegalStateException("engine out of memory");

    IngestionRun run = service.ingest(request("a.csv", "value\nx\n"), ProgressListener.NONE);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(service.profiled(PRODUCT, 1).get(10, java.util.concurrent.TimeUnit.SECONDS))
        .isEmpty();
    assertThat(service.loadVersion(PRODUCT, 1).rowCount()).isEqualTo(1);
    assertThat(repositories.findProfile(PRODUCT, 1)).isEmpty();

    engine.profileFailure = null;
    assertThat(service.resumeProfiles()).isEqualTo(1);

    assertThat(service.profiled(PRODUCT, 1).get(10, java.util.concurrent.TimeUnit.SECONDS))
        .isPresent();
    assertThat(service.resumeProfiles()).isZero();
  }

  @Test
  void aVersionCommittedAfterClosingIsLeftWithoutAProfile() throws Exception {
    service.close();

    IngestionRun run = service.ingest(request("a.csv", "value\nx\n"), ProgressListener.NONE);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(service.profiled(PRODUCT, 1)).isCompletedWithValue(Optional.empty());
    assertThat(engine.profiled).hasValue(0);
  }

  private List<String> lines(Version version) throws IOException {
    List<String> lines = new java.util.ArrayList<>();
    for (DataFile file : version.files()) {
      lines.addAll(Files.readAllLines(lake.resolve(file.path())));
    }
    return lines;
  }

  private List<Path> stagingEntries() throws IOException {
    try (Stream<Path> entries = Files.list(lake.root().resolve("_staging"))) {
      return entries.toList();
    }
  }

  private IngestionRequest request(String name, String content) throws IOException {
    return IngestionRequest.of(PRODUCT, Files.writeString(directory.resolve(name), content));
  }
}

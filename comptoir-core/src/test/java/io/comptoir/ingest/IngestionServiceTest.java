package io.comptoir.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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

  private List<Path> stagingEntries() throws IOException {
    try (Stream<Path> entries = Files.list(lake.root().resolve("_staging"))) {
      return entries.toList();
    }
  }

  private IngestionRequest request(String name, String content) throws IOException {
    return IngestionRequest.of(PRODUCT, Files.writeString(directory.resolve(name), content));
  }
}

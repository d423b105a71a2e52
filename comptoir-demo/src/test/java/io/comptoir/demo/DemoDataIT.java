package io.comptoir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.demo.DemoResult.Outcome;
import io.comptoir.demo.DemoResult.ProductLoad;
import io.comptoir.ingest.IngestionService;
import io.comptoir.ingest.Lake;
import io.comptoir.ingest.SourceEncoding;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.Version;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link DemoData#load} through the real {@link IngestionService} with in-memory repositories
 * and an engine that validates every row against the declared columns (the DuckDB engine is tested
 * in its own module).
 */
class DemoDataIT {
  private static final Instant NOW = Instant.parse("2025-06-30T08:00:00Z");

  @TempDir Path directory;

  private final InMemoryCatalogRepository catalogRepository = new InMemoryCatalogRepository();
  private final InMemoryIngestionRepository ingestionRepository =
      new InMemoryIngestionRepository(catalogRepository);
  private final CheckingEngine engine = new CheckingEngine();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final CatalogService catalog = new CatalogService(catalogRepository, clock);
  private final List<String> phases = new ArrayList<>();

  private IngestionService ingestion() {
    return new IngestionService(
        catalogRepository,
        ingestionRepository,
        engine,
        new Lake(directory.resolve("lake")),
        clock,
        0.0);
  }

  private DemoResult load() {
    return DemoData.load(
        catalog,
        ingestion(),
        directory.resolve("work"),
        (phase, fraction) -> {
          if (fraction == 1.0) {
            phases.add(phase);
          }
        });
  }

  @Test
  void loadsEveryProductOnceWithItsOptionsThenSkipsThemAll() {
    DemoResult first = load();

    assertThat(first.entities()).isEqualTo(DemoCatalog.entities().size());
    assertThat(first.domains()).isEqualTo(DemoCatalog.domains().size());
    assertThat(first.productCount()).isEqualTo(11);
    assertThat(first.versionsCreated()).isEqualTo(11);
    assertThat(first.productsSkipped()).isZero();
    assertThat(first.rowsQuarantined()).isZero();
    assertThat(first.rowsIngested()).isGreaterThan(1_400_000);
    assertThat(first.products())
        .extracting(ProductLoad::product)
        .containsExactlyElementsOf(DemoCatalog.productIds());
    for (ProductLoad load : first.products()) {
      Version version = ingestion().findLatestVersion(load.product()).orElseThrow();
      assertThat(version.number()).isEqualTo(1);
      assertThat(load.version()).isEqualTo(1);
      assertThat(version.rowCount()).as("rows of %s", load.product()).isEqualTo(load.rows());
      assertThat(version.schema()).isEqualTo(DemoCatalog.product(load.product(), NOW).columns());
    }
    assertThat(first.products().get(0).rows()).isEqualTo(39_192);
    assertThat(catalog.listEntities()).hasSize(DemoCatalog.entities().size());
    assertThat(catalog.listDomains()).hasSize(DemoCatalog.domains().size());
    assertThat(catalog.listProducts(ProductQuery.all()).items())
        .extracting(DataProduct::id)
        .containsExactlyInAnyOrderElementsOf(DemoCatalog.productIds());
    assertThat(phases)
        .contains(
            "codes-postaux generate",
            "suivi-colis-evenements validate",
            "suivi-colis-evenements commit");

    StageRequest customers = stagedFor(DemoCatalog.CUSTOMERS);
    // the service transcodes the Windows-1252 file to UTF-8 before the engine sees it
    assertThat(customers.options().encoding()).isEqualTo(SourceEncoding.UTF_8);
    assertThat(customers.source().getFileName().toString()).isEqualTo("source-utf8.csv");
    assertThat(customers.options().delimiter()).contains(';');
    StageRequest transactions = stagedFor(DemoCatalog.BANK_TRANSACTIONS);
    assertThat(transactions.options().decimalSeparator()).isEqualTo(',');
    assertThat(stagedFor(DemoCatalog.TRACKING_EVENTS).format()).isEqualTo(SourceFormat.PARQUET);
    assertThat(stagedFor(DemoCatalog.POST_OFFICES).format()).isEqualTo(SourceFormat.JSONL);
    assertThat(stagedFor(DemoCatalog.MAIL_VOLUMES).options().delimiter()).contains('\t');

    int staged = engine.staged().size();
    DemoResult second = load();

    assertThat(second.versionsCreated()).isZero();
    assertThat(second.productsSkipped()).isEqualTo(11);
    assertThat(second.rowsIngested()).isZero();
    assertThat(second.products()).allMatch(p -> p.outcome() == Outcome.SKIPPED && p.version() == 1);
    assertThat(second.products())
        .extracting(ProductLoad::rows)
        .containsExactlyElementsOf(first.products().stream().map(ProductLoad::rows).toList());
    assertThat(engine.staged()).hasSize(staged);
    for (ProductId id : DemoCatalog.productIds()) {
      assertThat(ingestion().listVersions(id)).hasSize(1);
    }
  }

  @Test
  void resumesWithTheMissingProductsAfterAFailure() {
    engine.failOn(DemoCatalog.BANK_ACCOUNTS);

    assertThatThrownBy(this::load)
        .isInstanceOf(ComptoirException.class)
        .hasMessage(
            "ingestion of comptes-bancaires.csv failed in validate: engine failure staging"
                + " comptes-bancaires.csv")
        .satisfies(e -> assertThat(((ComptoirException) e).code()).isEqualTo(ErrorCode.INTERNAL));
    int ingestedBefore = DemoCatalog.productIds().indexOf(DemoCatalog.BANK_ACCOUNTS);
    for (ProductId id : DemoCatalog.productIds()) {
      assertThat(ingestion().findLatestVersion(id).isPresent())
          .as("version of %s", id)
          .isEqualTo(DemoCatalog.productIds().indexOf(id) < ingestedBefore);
    }

    engine.stopFailing();
    DemoResult resumed = load();

    assertThat(resumed.productsSkipped()).isEqualTo(ingestedBefore);
    assertThat(resumed.versionsCreated()).isEqualTo(11 - ingestedBefore);
    assertThat(resumed.products().get(ingestedBefore).outcome()).isEqualTo(Outcome.INGESTED);
    assertThat(resumed.products().get(ingestedBefore).product())
        .isEqualTo(DemoCatalog.BANK_ACCOUNTS);
  }

  private StageRequest stagedFor(ProductId product) {
    int index = DemoCatalog.productIds().indexOf(product);
    return engine.staged().get(index);
  }
}

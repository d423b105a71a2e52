package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.CatalogRepository;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.Page;
import io.comptoir.common.PageRequest;
import io.comptoir.ingest.DataFile;
import io.comptoir.ingest.IngestionRepository;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.QuarantineCount;
import io.comptoir.ingest.RunId;
import io.comptoir.ingest.RunStatus;
import io.comptoir.ingest.SourceProgress;
import io.comptoir.ingest.Version;
import io.comptoir.ingest.WriteMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CatalogRepository} and {@link IngestionRepository}, run on every database
 * the store supports. Subclasses open a store on a fresh, empty database.
 */
abstract class RepositoryContractTest {
  private static final Instant T0 = Instant.parse("2025-01-15T08:30:00.123Z");
  private static final List<Column> COLUMNS =
      List.of(
          new Column(
              "numero_colis",
              DataType.STRING,
              "Numéro du colis, « unique » ; it's the key",
              PersonalDataCategory.NONE,
              ""),
          new Column("poids_grammes", DataType.INTEGER, "Poids", PersonalDataCategory.NONE, ""),
          new Column("volume", DataType.DOUBLE, "", PersonalDataCategory.NONE, ""),
          new Column(
              "montant", DataType.decimal(12, 2), "Montant TTC", PersonalDataCategory.NONE, ""),
          new Column("fragile", DataType.BOOLEAN, "", PersonalDataCategory.NONE, ""),
          new Column(
              "date_naissance",
              DataType.DATE,
              "Date de naissance du destinataire",
              PersonalDataCategory.QUASI_IDENTIFIER,
              "dd/MM/yyyy"),
          new Column("email", DataType.STRING, "Email", PersonalDataCategory.IDENTIFIER, ""),
          new Column(
              "sante", DataType.STRING, "Données de santé", PersonalDataCategory.SENSITIVE, ""),
          new Column(
              "scanne_le",
              DataType.TIMESTAMP,
              "",
              PersonalDataCategory.NONE,
              "yyyy-MM-dd HH:mm:ss"));

  private MetadataStore store;
  private CatalogRepository catalog;
  private IngestionRepository ingestion;

  /** Opens a store on a fresh, empty database. */
  abstract MetadataStore openFreshStore() throws Exception;

  /** Releases what {@link #openFreshStore()} created; called after the store is closed. */
  void dropFreshStore() throws Exception {}

  @BeforeEach
  final void openStore() throws Exception {
    store = openFreshStore();
    catalog = store.catalog();
    ingestion = store.ingestion();
  }

  @AfterEach
  final void closeStore() throws Exception {
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      dropFreshStore();
    }
  }

  // ---------------------------------------------------------------- entities and domains

  @Test
  void savesFindsAndListsEntitiesOrderedByCode() {
    LegalEntity lbp = new LegalEntity("LBP", "La Banque Postale", "Banque de détail");
    LegalEntity bscc = new LegalEntity("BSCC", "Colis et Courrier", "");
    catalog.saveEntity(lbp);
    catalog.saveEntity(bscc);

    assertThat(catalog.listEntities()).containsExactly(bscc, lbp);
    assertThat(catalog.findEntity("LBP")).contains(lbp);
    assertThat(catalog.findEntity("CNP")).isEmpty();
  }

  @Test
  void savingAnEntityAgainUpdatesItByCode() {
    catalog.saveEntity(new LegalEntity("LBP", "Banque", ""));
    LegalEntity updated = new LegalEntity("LBP", "La Banque Postale", "Banque de détail");
    catalog.saveEntity(updated);

    assertThat(catalog.listEntities()).containsExactly(updated);
  }

  @Test
  void savesFindsAndListsDomainsOrderedById() {
    Domain reseau = new Domain("reseau", "Réseau", "Bureaux de poste et points de contact");
    Domain colis = new Domain("colis", "Colis", "");
    catalog.saveDomain(reseau);
    catalog.saveDomain(colis);

    assertThat(catalog.listDomains()).containsExactly(colis, reseau);
    assertThat(catalog.findDomain("reseau")).contains(reseau);
    assertThat(catalog.findDomain("banque")).isEmpty();
  }

  @Test
  void savingADomainAgainUpdatesItById() {
    catalog.saveDomain(new Domain("colis", "Colis", ""));
    Domain updated = new Domain("colis", "Colis et paquets", "Suivi des colis");
    catalog.saveDomain(updated);

    assertThat(catalog.listDomains()).containsExactly(updated);
  }

  // ---------------------------------------------------------------- products

  @Test
  void roundTripsEveryProductField() {
    DataProduct product =
        new DataProduct(
            ProductId.of("colis-suivi"),
            "Suivi des colis",
            "Événements de suivi, « temps réel » ; l'historique complet",
            "BSCC",
            "colis",
            "marie.dupont@example.fr",
            "jean.martin@example.fr",
            "SI Colis",
            Classification.CONFIDENTIAL,
            List.of("suivi", "colis", "temps-reel"),
            COLUMNS,
            T0,
            T0.plus(Duration.ofHours(1)));
    catalog.saveProduct(product);

    assertThat(catalog.findProduct(product.id())).contains(product);
  }

  @Test
  void roundTripsAProductWithoutColumnsOrTags() {
    DataProduct product =
        product(
            "courrier-volumes", "BSCC", "courrier", Classification.PUBLIC, List.of(), List.of());
    catalog.saveProduct(product);

    assertThat(catalog.findProduct(product.id())).contains(product);
  }

  @Test
  void truncatesInstantsToMilliseconds() {
    Instant precise = Instant.parse("2025-03-01T10:15:30.123456789Z");
    DataProduct product =
        new DataProduct(
            ProductId.of("colis-suivi"),
            "Suivi",
            "",
            "BSCC",
            "colis",
            "owner",
            "",
            "",
            Classification.INTERNAL,
            List.of(),
            List.of(),
            precise,
            precise);
    catalog.saveProduct(product);

    DataProduct found = catalog.findProduct(product.id()).orElseThrow();
    assertThat(found.createdAt()).isEqualTo(Instant.parse("2025-03-01T10:15:30.123Z"));
    assertThat(found.updatedAt()).isEqualTo(Instant.parse("2025-03-01T10:15:30.123Z"));
  }

  @Test
  void savingAProductAgainReplacesItsFieldsColumnsAndTags() {
    DataProduct first =
        product(
            "colis-suivi",
            "BSCC",
            "colis",
            Classification.INTERNAL,
            List.of("colis", "suivi"),
            COLUMNS);
    DataProduct neighbour =
        product(
            "colis-tarifs",
            "BSCC",
            "colis",
            Classification.INTERNAL,
            List.of("colis"),
            COLUMNS.subList(0, 2));
    catalog.saveProduct(first);
    catalog.saveProduct(neighbour);

    DataProduct second =
        new DataProduct(
            first.id(),
            "Suivi des colis v2",
            "Nouvelle description",
            "LBP",
            "banque",
            "autre.proprietaire@example.fr",
            "",
            "SI Banque",
            Classification.RESTRICTED,
            List.of("banque"),
            List.of(
                Column.of("identifiant", DataType.INTEGER),
                COLUMNS.get(0).withDescription("Renommé", PersonalDataCategory.IDENTIFIER)),
            first.createdAt(),
            first.updatedAt().plusSeconds(60));
    catalog.saveProduct(second);

    assertThat(catalog.findProduct(first.id())).contains(second);
    assertThat(catalog.findProduct(neighbour.id())).contains(neighbour);
    assertThat(catalog.listProducts(query(null, null, "colis", null, 0, 10)).items())
        .containsExactly(neighbour);
  }

  @Test
  void findProductIsEmptyForAnUnknownId() {
    assertThat(catalog.findProduct(ProductId.of("inconnu"))).isEmpty();
  }

  @Test
  void listsProductsOrderedByIdInPagesWithTheTotal() {
    List<DataProduct> products = new ArrayList<>();
    for (String id : List.of("e-produit", "a-produit", "d-produit", "c-produit", "b-produit")) {
      DataProduct product =
          product(
              id,
              "BSCC",
              "colis",
              Classification.INTERNAL,
              List.of("tag-" + id),
              COLUMNS.subList(0, 3));
      catalog.saveProduct(product);
      products.add(product);
    }
    products.sort((left, right) -> left.id().value().compareTo(right.id().value()));

    Page<DataProduct> first = catalog.listProducts(query(null, null, null, null, 0, 2));
    assertThat(first.items()).containsExactly(products.get(0), products.get(1));
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.offset()).isZero();
    assertThat(first.limit()).isEqualTo(2);

    Page<DataProduct> second = catalog.listProducts(query(null, null, null, null, 2, 2));
    assertThat(second.items()).containsExactly(products.get(2), products.get(3));
    assertThat(second.total()).isEqualTo(5);
    assertThat(second.offset()).isEqualTo(2);

    Page<DataProduct> last = catalog.listProducts(query(null, null, null, null, 4, 2));
    assertThat(last.items()).containsExactly(products.get(4));

    Page<DataProduct> beyond = catalog.listProducts(query(null, null, null, null, 10, 2));
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).isEqualTo(5);

    assertThat(catalog.listProducts(ProductQuery.all()).items())
        .containsExactlyElementsOf(products);
  }

  @Test
  void listsNoProductsOnAnEmptyStore() {
    Page<DataProduct> page = catalog.listProducts(ProductQuery.all());

    assertThat(page.items()).isEmpty();
    assertThat(page.total()).isZero();
  }

  @Test
  void filtersProductsByEntity() {
    saveFilterFixtures();

    assertThat(ids(catalog.listProducts(query("LBP", null, null, null, 0, 50))))
        .containsExactly("banque-comptes", "banque-operations");
    assertThat(catalog.listProducts(query("LBP", null, null, null, 0, 50)).total()).isEqualTo(2);
    assertThat(ids(catalog.listProducts(query("CNP", null, null, null, 0, 50)))).isEmpty();
  }

  @Test
  void filtersProductsByDomain() {
    saveFilterFixtures();

    assertThat(ids(catalog.listProducts(query(null, "colis", null, null, 0, 50))))
        .containsExactly("colis-suivi", "colis-tarifs");
    assertThat(ids(catalog.listProducts(query(null, "reseau", null, null, 0, 50))))
        .containsExactly("reseau-bureaux");
  }

  @Test
  void filtersProductsByTagCountingEachProductOnce() {
    saveFilterFixtures();

    Page<DataProduct> page = catalog.listProducts(query(null, null, "clients", null, 0, 50));
    assertThat(ids(page)).containsExactly("banque-comptes", "colis-suivi");
    assertThat(page.total()).isEqualTo(2);
    assertThat(page.items().get(1).tags())
        .containsExactly("clients", "suivi", "clients-b2c", "colis");
    assertThat(ids(catalog.listProducts(query(null, null, "client", null, 0, 50)))).isEmpty();
  }

  @Test
  void filtersProductsByClassification() {
    saveFilterFixtures();

    assertThat(ids(catalog.listProducts(query(null, null, null, Classification.RESTRICTED, 0, 50))))
        .containsExactly("banque-comptes", "banque-operations");
    assertThat(ids(catalog.listProducts(query(null, null, null, Classification.PUBLIC, 0, 50))))
        .containsExactly("reseau-bureaux");
  }

  @Test
  void combinesFiltersAndPagesTheMatches() {
    saveFilterFixtures();

    Page<DataProduct> page =
        catalog.listProducts(query("BSCC", "colis", "colis", Classification.INTERNAL, 1, 1));
    assertThat(ids(page)).containsExactly("colis-tarifs");
    assertThat(page.total()).isEqualTo(2);
    assertThat(
            catalog
                .listProducts(query("BSCC", "colis", "clients", Classification.RESTRICTED, 0, 5))
                .total())
        .isZero();
  }

  private void saveFilterFixtures() {
    catalog.saveProduct(
        product(
            "colis-suivi",
            "BSCC",
            "colis",
            Classification.INTERNAL,
            List.of("clients", "suivi", "clients-b2c", "colis"),
            COLUMNS));
    catalog.saveProduct(
        product(
            "colis-tarifs", "BSCC", "colis", Classification.INTERNAL, List.of("colis"), List.of()));
    catalog.saveProduct(
        product(
            "reseau-bureaux",
            "BSCC",
            "reseau",
            Classification.PUBLIC,
            List.of("open-data"),
            List.of()));
    catalog.saveProduct(
        product(
            "banque-comptes",
            "LBP",
            "banque",
            Classification.RESTRICTED,
            List.of("clients"),
            COLUMNS.subList(0, 1)));
    catalog.saveProduct(
        product(
            "banque-operations", "LBP", "banque", Classification.RESTRICTED, List.of(), List.of()));
  }

  // ---------------------------------------------------------------- runs

  @Test
  void insertsAndFindsARunningRun() {
    DataProduct product = saveProduct("colis-suivi");
    IngestionRun run = started(product, T0);
    ingestion.insertRun(run);

    assertThat(ingestion.findRun(run.id())).contains(run);
    assertThat(ingestion.findRun(RunId.random())).isEmpty();
  }

  @Test
  void insertingARunTwiceIsAConflict() {
    DataProduct product = saveProduct("colis-suivi");
    IngestionRun run = started(product, T0);
    ingestion.insertRun(run);

    assertThatThrownBy(() -> ingestion.insertRun(run))
        .isInstanceOfSatisfying(
            ComptoirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
        .hasMessage("run %s already exists", run.id());
  }

  @Test
  void updatingARunReplacesEveryFieldAndItsQuarantineCounts() {
    DataProduct product = saveProduct("colis-suivi");
    IngestionRun running = started(product, T0);
    ingestion.insertRun(running);

    IngestionRun failed =
        new IngestionRun(
            running.id(),
            running.product(),
            RunStatus.FAILED,
            running.source(),
            running.sourceChecksum(),
            running.sourceBytes(),
            running.mode(),
            running.startedAt(),
            Optional.of(T0.plusSeconds(5)),
            10,
            7,
            3,
            Optional.of("trop de lignes rejetées : 30 % > 5 %"),
            Optional.empty(),
            Optional.of("quarantine/colis-suivi/run-1.parquet"),
            List.of(
                new QuarantineCount("CAST", "poids_grammes", 2),
                new QuarantineCount("MISSING_COLUMN", "", 1)),
            Optional.empty());
    ingestion.updateRun(failed);
    assertThat(ingestion.findRun(running.id())).contains(failed);

    IngestionRun corrected =
        new IngestionRun(
            failed.id(),
            failed.product(),
            RunStatus.FAILED,
            failed.source(),
            failed.sourceChecksum(),
            failed.sourceBytes(),
            failed.mode(),
            failed.startedAt(),
            Optional.of(T0.plusSeconds(6)),
            10,
            9,
            1,
            Optional.of(""),
            Optional.of(4),
            Optional.empty(),
            List.of(new QuarantineCount("CAST", "volume", 1)),
            Optional.empty());
    ingestion.updateRun(corrected);
    assertThat(ingestion.findRun(running.id())).contains(corrected);
  }

  @Test
  void updatingAnUnknownRunIsNotFound() {
    DataProduct product = saveProduct("colis-suivi");
    IngestionRun run = started(product, T0);

    assertThatThrownBy(() -> ingestion.updateRun(run))
        .isInstanceOfSatisfying(
            ComptoirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessage("run not found: %s", run.id());
    assertThat(ingestion.findRun(run.id())).isEmpty();
  }

  @Test
  void listsRunsOfAProductNewestFirstWithinTheLimit() {
    DataProduct product = saveProduct("colis-suivi");
    DataProduct other = saveProduct("colis-tarifs");
    IngestionRun oldest = started(product, T0);
    IngestionRun middle = started(product, T0.plusSeconds(1));
    IngestionRun newest = started(product, T0.plusSeconds(2));
    IngestionRun elsewhere = started(other, T0.plusSeconds(3));
    for (IngestionRun run : List.of(middle, elsewhere, newest, oldest)) {
      ingestion.insertRun(run);
    }
    IngestionRun failedMiddle = middle.failed(T0.plusSeconds(4), "fichier illisible");
    ingestion.updateRun(failedMiddle);

    assertThat(ingestion.listRuns(product.id(), 2)).containsExactly(newest, failedMiddle);
    assertThat(ingestion.listRuns(product.id(), 10)).containsExactly(newest, failedMiddle, oldest);
    assertThat(ingestion.listRuns(other.id(), 10)).containsExactly(elsewhere);
    assertThat(ingestion.listRuns(ProductId.of("inconnu"), 10)).isEmpty();
  }

  @Test
  void listingRunsNeedsAPositiveLimit() {
    assertThatThrownBy(() -> ingestion.listRuns(ProductId.of("colis-suivi"), 0))
        .isInstanceOfSatisfying(
            ComptoirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessage("limit must be >= 1, got 0");
  }

  @Test
  void listsOnlyRunningRunsOldestFirst() {
    DataProduct product = saveProduct("colis-suivi");
    DataProduct other = saveProduct("colis-tarifs");
    IngestionRun runningLater = started(other, T0.plusSeconds(10));
    IngestionRun runningEarlier = started(product, T0.plusSeconds(1));
    IngestionRun failed = started(product, T0.plusSeconds(2));
    IngestionRun succeeded = started(product, T0.plusSeconds(3));
    for (IngestionRun run : List.of(runningLater, runningEarlier, failed, succeeded)) {
      ingestion.insertRun(run);
    }
    ingestion.updateRun(failed.failed(T0.plusSeconds(4), "disque plein"));
    IngestionRun finished = succeeded(succeeded, 1, 5, Optional.empty(), List.of());
    ingestion.commitVersion(
        version(finished, 1, WriteMode.OVERWRITE, file("a.parquet", 5)),
        finished,
        Optional.empty());

    assertThat(ingestion.listRunning()).containsExactly(runningEarlier, runningLater);
  }

  // ---------------------------------------------------------------- versions

  @Test
  void committingAVersionMakesItVisibleWithTheFinishedRun() {
    DataProduct product = saveProduct("colis-suivi");
    IngestionRun running = started(product, T0);
    ingestion.insertRun(running);
    IngestionRun finished =
        succeeded(
            running,
            1,
            30,
            Optional.of("quarantine/colis-suivi/run.parquet"),
            List.of(new QuarantineCount("CAST", "poids_grammes", 2)));
    Version version =
        version(
            finished,
            1,
            WriteMode.OVERWRITE,
            file("lake/colis-suivi/part-1.parquet", 20),
            file("lake/colis-suivi/part-2.parquet", 10));

    ingestion.commitVersion(version, finished, Optional.empty());

    assertThat(ingestion.findVersion(product.id(), 1)).contains(version);
    assertThat(ingestion.findLatestVersion(product.id())).contains(version);
    assertThat(ingestion.listVersions(product.id())).containsExactly(version);
    assertThat(ingestion.findRun(running.id())).contains(finished);
    assertThat(ingestion.listRunning()).isEmpty();
    assertThat(catalog.findProduct(product.id())).contains(product);
  }

  @Test
  void committingAVersionSavesTheProductWhoseSchemaWasInferred() {
    DataProduct product = saveProduct("colis-suivi");
    IngestionRun running = started(product, T0);
    ingestion.insertRun(running);
    IngestionRun finished = succeeded(running, 1, 3, Optional.empty(), List.of());
    DataProduct inferred = product.withColumns(COLUMNS, T0.plusSeconds(30));

    ingestion.commitVersion(
        version(finished, 1, WriteMode.OVERWRITE, file("a.parquet", 3)),
        finished,
        Optional.of(inferred));

    assertThat(catalog.findProduct(product.id())).contains(inferred);
  }

  @Test
  void committingAVersionStoresARunThatWasNotInsertedBefore() {
    DataProduct product = saveProduct("colis-suivi");
    IngestionRun finished = succeeded(started(product, T0), 1, 3, Optional.empty(), List.of());

    ingestion.commitVersion(
        version(finished, 1, WriteMode.OVERWRITE, file("a.parquet", 3)),
        finished,
        Optional.empty());

    assertThat(ingestion.findRun(finished.id())).contains(finished);
  }

  @Test
  void committingATakenVersionNumberIsAConflictThatChangesNothing() {
    DataProduct product = saveProduct("colis-suivi");
    IngestionRun firstRun = started(product, T0);
    ingestion.insertRun(firstRun);
    IngestionRun firstFinished = succeeded(firstRun, 1, 5, Optional.empty(), List.of());
    Version first = version(firstFinished, 1, WriteMode.OVERWRITE, file("v1.parquet", 5));
    ingestion.commitVersion(first, firstFinished, Optional.empty());

    IngestionRun secondRun = started(product, T0.plusSeconds(60));
    ingestion.insertRun(secondRun);
    IngestionRun secondFinished =
        succeeded(
            secondRun,
            1,
            8,
            Optional.of("quarantine/second.parquet"),
            List.of(new QuarantineCount("CAST", "volume", 1)));
    Version clash = version(secondFinished, 1, WriteMode.APPEND, file("v1-bis.parquet", 8));
    DataProduct updated = product.withColumns(COLUMNS, T0.plusSeconds(61));

    assertThatThrownBy(() -> ingestion.commitVersion(clash, secondFinished, Optional.of(updated)))
        .isInstanceOfSatisfying(
            ComptoirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
        .hasMessage("version 1 of product colis-suivi already exists");

    assertThat(ingestion.findRun(secondRun.id())).contains(secondRun);
    assertThat(ingestion.listRunning()).containsExactly(secondRun);
    assertThat(catalog.findProduct(product.id())).contains(product);
    assertThat(ingestion.listVersions(product.id())).containsExactly(first);
    assertThat(ingestion.referencedFiles()).containsExactly("v1.parquet");
  }

  @Test
  void listsVersionsNewestFirstWithTheirSchemasAndFiles() {
    DataProduct product = saveProduct("colis-suivi");
    DataProduct other = saveProduct("colis-tarifs");
    Version v1 = commit(product, 1, WriteMode.OVERWRITE, "sum-1", file("a.parquet", 10));
    Version v2 =
        commit(product, 2, WriteMode.APPEND, "sum-2", file("a.parquet", 10), file("b.parquet", 4));
    Version v3 = commit(product, 3, WriteMode.OVERWRITE, "sum-3", file("c.parquet", 7));
    Version otherV1 = commit(other, 1, WriteMode.OVERWRITE, "sum-x", file("x.parquet", 1));

    assertThat(ingestion.listVersions(product.id())).containsExactly(v3, v2, v1);
    assertThat(ingestion.findLatestVersion(product.id())).contains(v3);
    assertThat(ingestion.findVersion(product.id(), 2)).contains(v2);
    assertThat(ingestion.listVersions(other.id())).containsExactly(otherV1);
    assertThat(ingestion.findLatestVersion(other.id())).contains(otherV1);
  }

  @Test
  void roundTripsAVersionProfileAndReplacesItWhenSavedAgain() {
    DataProduct product = saveProduct("colis-suivi");
    commit(product, 1, WriteMode.OVERWRITE, "sum-1", file("a.parquet", 10));
    io.comptoir.ingest.ColumnProfile weight =
        new io.comptoir.ingest.ColumnProfile(
            "poids_grammes",
            DataType.INTEGER,
            false,
            10,
            1,
            7,
            Optional.of("12"),
            Optional.of("9007199254740993"),
            Optional.of(0.1 + 0.2),
            List.of(12.0, 20.5, 33.333333333333336, 1e-7, 1.5e300),
            List.of(
                new io.comptoir.ingest.ValueCount("12", 3),
                new io.comptoir.ingest.ValueCount("« l'été »", 2)),
            Optional.of(
                new io.comptoir.ingest.Histogram(
                    -0.5, 1e12, List.of(1L, 2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 6L))));
    io.comptoir.ingest.ColumnProfile email =
        new io.comptoir.ingest.ColumnProfile(
            "email",
            DataType.STRING,
            true,
            10,
            0,
            10,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            List.of(),
            Optional.empty());
    io.comptoir.ingest.VersionProfile profile =
        new io.comptoir.ingest.VersionProfile(product.id(), 1, 10, List.of(weight, email));

    ingestion.saveProfile(profile);
    ingestion.saveProfile(profile);

    assertThat(ingestion.findProfile(product.id(), 1)).contains(profile);
    assertThat(ingestion.findProfile(product.id(), 2)).isEmpty();
  }

  @Test
  void listsTheVersionsWithoutAProfileByProductThenOldestFirst() {
    DataProduct suivi = saveProduct("colis-suivi");
    DataProduct tarifs = saveProduct("colis-tarifs");
    DataProduct colis = saveProduct("colis");
    commit(suivi, 1, WriteMode.OVERWRITE, "sum-1", file("a.parquet", 10));
    commit(suivi, 2, WriteMode.OVERWRITE, "sum-2", file("b.parquet", 10));
    commit(suivi, 3, WriteMode.OVERWRITE, "sum-3", file("c.parquet", 10));
    commit(tarifs, 1, WriteMode.OVERWRITE, "sum-t", file("t.parquet", 10));
    commit(colis, 1, WriteMode.OVERWRITE, "sum-c", file("k.parquet", 10));
    ingestion.saveProfile(oneColumnProfile(suivi.id(), 2));
    ingestion.saveProfile(oneColumnProfile(tarifs.id(), 1));

    assertThat(ingestion.versionsWithoutProfile(Optional.empty()))
        .containsExactly(
            new io.comptoir.ingest.VersionKey(colis.id(), 1),
            new io.comptoir.ingest.VersionKey(suivi.id(), 1),
            new io.comptoir.ingest.VersionKey(suivi.id(), 3));
    assertThat(ingestion.versionsWithoutProfile(Optional.of(suivi.id())))
        .containsExactly(
            new io.comptoir.ingest.VersionKey(suivi.id(), 1),
            new io.comptoir.ingest.VersionKey(suivi.id(), 3));
    assertThat(ingestion.versionsWithoutProfile(Optional.of(tarifs.id()))).isEmpty();
  }

  private static io.comptoir.ingest.VersionProfile oneColumnProfile(ProductId product, int number) {
    return new io.comptoir.ingest.VersionProfile(
        product,
        number,
        10,
        List.of(
            new io.comptoir.ingest.ColumnProfile(
                "id",
                DataType.INTEGER,
                false,
                10,
                0,
                10,
                Optional.of("1"),
                Optional.of("10"),
                Optional.of(5.5),
                List.of(),
                List.of(),
                Optional.empty())));
  }

  @Test
  void findsNoVersionOfAProductWithoutVersions() {
    DataProduct product = saveProduct("colis-suivi");
    commit(product, 1, WriteMode.OVERWRITE, "sum-1", file("a.parquet", 10));
    ProductId empty = saveProduct("colis-tarifs").id();

    assertThat(ingestion.findVersion(product.id(), 2)).isEmpty();
    assertThat(ingestion.findVersion(empty, 1)).isEmpty();
    assertThat(ingestion.findLatestVersion(empty)).isEmpty();
    assertThat(ingestion.listVersions(empty)).isEmpty();
  }

  @Test
  void findsTheNewestVersionMadeFromASourceChecksum() {
    DataProduct product = saveProduct("colis-suivi");
    DataProduct other = saveProduct("colis-tarifs");
    commit(product, 1, WriteMode.OVERWRITE, "aaa", file("a.parquet", 1));
    Version second = commit(product, 2, WriteMode.OVERWRITE, "bbb", file("b.parquet", 2));
    Version forced = commit(product, 3, WriteMode.APPEND, "aaa", file("c.parquet", 3));
    commit(other, 1, WriteMode.OVERWRITE, "ccc", file("x.parquet", 1));

    assertThat(ingestion.findVersionBySourceChecksum(product.id(), "aaa")).contains(forced);
    assertThat(ingestion.findVersionBySourceChecksum(product.id(), "bbb")).contains(second);
    assertThat(ingestion.findVersionBySourceChecksum(product.id(), "ccc")).isEmpty();
    assertThat(ingestion.findVersionBySourceChecksum(other.id(), "aaa")).isEmpty();
  }

  @Test
  void referencesEveryVersionFileAndEveryQuarantineFile() {
    assertThat(ingestion.referencedFiles()).isEmpty();

    DataProduct product = saveProduct("colis-suivi");
    DataProduct other = saveProduct("colis-tarifs");
    commit(product, 1, WriteMode.OVERWRITE, "s1", file("colis-suivi/a.parquet", 1));
    commit(
        product,
        2,
        WriteMode.APPEND,
        "s2",
        file("colis-suivi/a.parquet", 1),
        file("colis-suivi/b.parquet", 2));
    commit(other, 1, WriteMode.OVERWRITE, "s3", file("colis-tarifs/a.parquet", 3));

    IngestionRun quarantined = started(other, T0.plusSeconds(100));
    ingestion.insertRun(quarantined);
    IngestionRun quarantinedFinished =
        succeeded(
            quarantined,
            2,
            1,
            Optional.of("quarantine/colis-tarifs/q1.parquet"),
            List.of(new QuarantineCount("CAST", "montant", 4)));
    ingestion.commitVersion(
        version(quarantinedFinished, 2, WriteMode.APPEND, file("colis-tarifs/b.parquet", 1)),
        quarantinedFinished,
        Optional.empty());

    IngestionRun failed = started(product, T0.plusSeconds(200));
    ingestion.insertRun(failed);
    ingestion.updateRun(
        new IngestionRun(
            failed.id(),
            failed.product(),
            RunStatus.FAILED,
            failed.source(),
            failed.sourceChecksum(),
            failed.sourceBytes(),
            failed.mode(),
            failed.startedAt(),
            Optional.of(T0.plusSeconds(201)),
            5,
            0,
            5,
            Optional.of("trop de rejets"),
            Optional.empty(),
            Optional.of("quarantine/colis-suivi/q2.parquet"),
            List.of(new QuarantineCount("CAST", "volume", 5)),
            Optional.empty()));
    ingestion.insertRun(started(product, T0.plusSeconds(300)));

    assertThat(ingestion.referencedFiles())
        .containsExactlyInAnyOrder(
            "colis-suivi/a.parquet",
            "colis-suivi/b.parquet",
            "colis-tarifs/a.parquet",
            "colis-tarifs/b.parquet",
            "quarantine/colis-tarifs/q1.parquet",
            "quarantine/colis-suivi/q2.parquet");
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void concurrentCommitsOfTheSameVersionNumberLetExactlyOneWin() throws Exception {
    DataProduct product = saveProduct("colis-suivi");
    int writers = 6;
    List<Callable<Boolean>> commits = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      IngestionRun run = started(product, T0.plusSeconds(i));
      ingestion.insertRun(run);
      IngestionRun finished = succeeded(run, 1, 1, Optional.empty(), List.of());
      Version version = version(finished, 1, WriteMode.OVERWRITE, file("w" + i + ".parquet", 1));
      commits.add(
          () -> {
            try {
              ingestion.commitVersion(version, finished, Optional.empty());
              return true;
            } catch (ComptoirException e) {
              if (e.code() == ErrorCode.CONFLICT) {
                return false;
              }
              throw e;
            }
          });
    }

    List<Boolean> outcomes = runTogether(commits);

    assertThat(outcomes).containsOnlyOnce(true);
    assertThat(ingestion.listVersions(product.id())).hasSize(1);
    assertThat(ingestion.listRunning()).hasSize(writers - 1);
  }

  @Test
  void concurrentWritersAllSucceed() throws Exception {
    int writers = 6;
    int versionsEach = 5;
    List<Callable<Boolean>> work = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      DataProduct product = saveProduct("produit-" + i);
      work.add(
          () -> {
            for (int number = 1; number <= versionsEach; number++) {
              catalog.saveProduct(product.withColumns(COLUMNS, T0.plusSeconds(number)));
              commit(product, number, WriteMode.APPEND, "sum-" + number, file(number + ".p", 1));
            }
            return true;
          });
    }

    assertThat(runTogether(work)).containsOnly(true).hasSize(writers);
    for (int i = 0; i < writers; i++) {
      assertThat(ingestion.listVersions(ProductId.of("produit-" + i))).hasSize(versionsEach);
    }
  }

  /** Starts every task at the same moment on its own thread and waits for all. */
  static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            executor.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          results.add(future.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
        }
      }
      return results;
    } finally {
      executor.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- fixtures

  MetadataStore store() {
    return store;
  }

  private DataProduct saveProduct(String id) {
    DataProduct product =
        product(id, "BSCC", "colis", Classification.INTERNAL, List.of("colis"), List.of());
    catalog.saveProduct(product);
    return product;
  }

  private static DataProduct product(
      String id,
      String entity,
      String domain,
      Classification classification,
      List<String> tags,
      List<Column> columns) {
    return new DataProduct(
        ProductId.of(id),
        "Produit " + id,
        "Description de " + id,
        entity,
        domain,
        "proprietaire@example.fr",
        "intendant@example.fr",
        "SI " + domain,
        classification,
        tags,
        columns,
        T0,
        T0.plus(1, ChronoUnit.MINUTES));
  }

  @Test
  void savesTheSourceProgressOfAFlowWithItsVersionOrNotAtAll() {
    DataProduct product = saveProduct("colis-suivi");
    IngestionRun run =
        IngestionRun.started(
            RunId.random(),
            product.id(),
            "a.csv",
            "sha-a",
            10,
            WriteMode.APPEND,
            T0,
            Optional.of("colis-dpd"));
    ingestion.insertRun(run);
    IngestionRun finished = succeeded(run, 1, 5, Optional.empty(), List.of());
    ingestion.commitVersion(
        version(finished, 1, WriteMode.APPEND, file("a.parquet", 5)),
        finished,
        Optional.empty(),
        Optional.of(new SourceProgress("colis-dpd", Map.of("file:sha-a", "a.csv", "count", "1"))));

    IngestionRun clash = started(product, T0.plusSeconds(5));
    ingestion.insertRun(clash);
    IngestionRun clashFinished = succeeded(clash, 1, 2, Optional.empty(), List.of());
    assertThatThrownBy(
            () ->
                ingestion.commitVersion(
                    version(clashFinished, 1, WriteMode.APPEND, file("b.parquet", 2)),
                    clashFinished,
                    Optional.empty(),
                    Optional.of(new SourceProgress("colis-dpd", Map.of("count", "2")))))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("version 1 of product colis-suivi already exists");

    assertThat(ingestion.progress("colis-dpd"))
        .isEqualTo(Map.of("file:sha-a", "a.csv", "count", "1"));
    assertThat(ingestion.progress("other")).isEmpty();
    assertThat(ingestion.listRunsOfFlow("colis-dpd", 10))
        .extracting(IngestionRun::id)
        .containsExactly(run.id());
    assertThat(ingestion.findRun(run.id()).orElseThrow().flow()).contains("colis-dpd");
    assertThat(ingestion.findRun(clash.id()).orElseThrow().flow()).isEmpty();
  }

  private static IngestionRun started(DataProduct product, Instant at) {
    return IngestionRun.started(
        RunId.random(),
        product.id(),
        "colis-" + at.getEpochSecond() + ".csv",
        "sha-" + at.toEpochMilli(),
        12_345,
        WriteMode.APPEND,
        at);
  }

  private static IngestionRun succeeded(
      IngestionRun run,
      int versionNumber,
      long rowsAccepted,
      Optional<String> quarantineFile,
      List<QuarantineCount> counts) {
    long quarantined = counts.stream().mapToLong(QuarantineCount::rows).sum();
    return new IngestionRun(
        run.id(),
        run.product(),
        RunStatus.SUCCEEDED,
        run.source(),
        run.sourceChecksum(),
        run.sourceBytes(),
        run.mode(),
        run.startedAt(),
        Optional.of(run.startedAt().plusMillis(1_500)),
        rowsAccepted + quarantined,
        rowsAccepted,
        quarantined,
        Optional.empty(),
        Optional.of(versionNumber),
        quarantineFile,
        counts,
        Optional.empty());
  }

  private static Version version(IngestionRun run, int number, WriteMode mode, DataFile... files) {
    List<DataFile> list = List.of(files);
    return new Version(
        run.product(),
        number,
        run.finishedAt().orElse(run.startedAt()),
        COLUMNS,
        list.stream().mapToLong(DataFile::rows).sum(),
        list.stream().mapToLong(DataFile::bytes).sum(),
        run.sourceChecksum(),
        run.id(),
        mode,
        list);
  }

  /** Inserts a run and commits a version from it, as the ingestion service does. */
  private Version commit(
      DataProduct product, int number, WriteMode mode, String checksum, DataFile... files) {
    IngestionRun run =
        IngestionRun.started(
            RunId.random(),
            product.id(),
            "source-" + number + ".csv",
            checksum,
            100,
            mode,
            T0.plusSeconds(number));
    ingestion.insertRun(run);
    long rows = List.of(files).stream().mapToLong(DataFile::rows).sum();
    IngestionRun finished = succeeded(run, number, rows, Optional.empty(), List.of());
    Version version = version(finished, number, mode, files);
    ingestion.commitVersion(version, finished, Optional.empty());
    return version;
  }

  private static DataFile file(String path, long rows) {
    return new DataFile(path, rows, rows * 100 + 7);
  }

  private static ProductQuery query(
      String entity,
      String domain,
      String tag,
      Classification classification,
      int offset,
      int limit) {
    return new ProductQuery(
        Optional.ofNullable(entity),
        Optional.ofNullable(domain),
        Optional.ofNullable(tag),
        Optional.ofNullable(classification),
        new PageRequest(offset, limit));
  }

  private static List<String> ids(Page<DataProduct> page) {
    return page.items().stream().map(product -> product.id().value()).toList();
  }
}

package io.comptoir.bench;

import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.engine.DuckDbEngine;
import io.comptoir.engine.EngineSettings;
import io.comptoir.ingest.DuplicatePolicy;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.IngestionService;
import io.comptoir.ingest.Lake;
import io.comptoir.store.MetadataStore;
import io.comptoir.store.StoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Comptoir, in its own JVM: the full ingestion of the file into a new version (checksum, encoding
 * check, whole-row typing, quarantine, reconciliation, metadata commit) on the embedded store.
 */
public final class ComptoirIngestChild {
  private ComptoirIngestChild() {}

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    Path dataDirectory = Path.of(args[1]);
    String memoryLimit = args.length > 2 ? args[2] : "2GB";
    Clock clock = Clock.systemUTC();
    try (MetadataStore store = MetadataStore.open(StoreConfig.embedded(dataDirectory));
        DuckDbEngine engine =
            new DuckDbEngine(
                new EngineSettings(
                    dataDirectory.resolve("tmp"),
                    memoryLimit,
                    Runtime.getRuntime().availableProcessors()))) {
      CatalogService catalog = new CatalogService(store.catalog(), clock);
      catalog.saveEntity(new LegalEntity("BSCC", "Services-Courrier-Colis", ""));
      catalog.saveDomain(new Domain("colis", "Colis", ""));
      ProductId id = ProductId.of("colis-bench");
      catalog.saveProduct(
          new DataProduct(
              id,
              "Colis (benchmark)",
              "",
              "BSCC",
              "colis",
              "bench",
              "",
              "",
              Classification.INTERNAL,
              List.of(),
              ParcelsCsv.COLUMNS,
              clock.instant(),
              clock.instant()));
      IngestionService ingestion =
          new IngestionService(
              store.catalog(),
              store.ingestion(),
              engine,
              new Lake(dataDirectory.resolve("lake")),
              clock,
              0.05);
      long start = System.nanoTime();
      java.util.Map<String, Long> phaseStarts = new java.util.concurrent.ConcurrentHashMap<>();
      IngestionRun run =
          ingestion.ingest(
              IngestionRequest.of(id, csv).withDuplicates(DuplicatePolicy.FORCE),
              (phase, fraction) -> phaseStarts.putIfAbsent(phase, System.nanoTime()));
      long end = System.nanoTime();
      System.out.println("seconds=" + (end - start) / 1e9);
      long checksumStart = phaseStarts.getOrDefault("checksum", start);
      long validateStart = phaseStarts.getOrDefault("validate", end);
      long commitStart = phaseStarts.getOrDefault("commit", end);
      System.out.println("checksum_seconds=" + (validateStart - checksumStart) / 1e9);
      System.out.println("validate_seconds=" + (commitStart - validateStart) / 1e9);
      System.out.println("commit_seconds=" + (end - commitStart) / 1e9);
      // the version is readable once ingest returns; its profile follows in the background
      ingestion.profiled(id, run.versionNumber().orElseThrow()).join().orElseThrow();
      System.out.println("profile_after_seconds=" + (System.nanoTime() - end) / 1e9);
      ingestion.close();
      System.out.println("rows_read=" + run.rowsRead());
      System.out.println("rows=" + run.rowsAccepted());
      System.out.println("rows_quarantined=" + run.rowsQuarantined());
      System.out.println("peak_rss_mib=" + Measure.peakRssMib());
    }
  }
}

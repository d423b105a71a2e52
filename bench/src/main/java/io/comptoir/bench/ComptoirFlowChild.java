package io.comptoir.bench;

import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.config.Configuration;
import io.comptoir.flow.FlowRun;
import io.comptoir.flow.StoredFlowDocument;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.identity.Username;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.server.Comptoir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Comptoir, in its own JVM: opens a fresh data directory, declares the product {@value #PRODUCT}
 * with the given columns, saves the flow document and runs it once through {@code FlowRunner},
 * timed until the run returns (its versions committed).
 *
 * <p>Arguments: data directory, engine memory limit, flow document file, columns ({@code
 * name:type;name:type}, types as in product documents). The flow's {@code password-env}, if any,
 * must name {@value #PASSWORD_ENV} (empty).
 */
public final class ComptoirFlowChild {
  static final String PRODUCT = "bench-flux";
  static final String PASSWORD_ENV = "BENCH_PASSWORD";

  private ComptoirFlowChild() {}

  public static void main(String[] args) throws Exception {
    Path dataDirectory = Path.of(args[0]);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("data-dir", dataDirectory.toString());
    values.put("engine-memory-limit", args[1]);
    values.put("engine-threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
    String document = Files.readString(Path.of(args[2]));
    List<Column> columns = new ArrayList<>();
    for (String column : args[3].split(";")) {
      int colon = column.indexOf(':');
      columns.add(
          Column.of(column.substring(0, colon), DataType.parse(column.substring(colon + 1))));
    }
    try (Comptoir comptoir =
        Comptoir.open(
            Configuration.of(values, dataDirectory), Clock.systemUTC(), Map.of(PASSWORD_ENV, ""))) {
      seed(comptoir.catalog(), columns);
      Principal owner =
          new Principal(Username.of("bench"), "BSCC", Set.of(Role.DATA_OWNER), Optional.empty());
      StoredFlowDocument saved =
          comptoir.flows().save(owner, Optional.empty(), document).document();
      long start = System.nanoTime();
      FlowRun run = comptoir.flowRunner().run(saved);
      double seconds = Measure.seconds(start);
      System.out.println("seconds=" + seconds);
      // the ingestion runs' own times: from the batch's file, written by the source reader, to the
      // committed version; the rest of the run is the reading of the source into that file
      double ingestSeconds =
          run.runs().stream()
                  .mapToLong(
                      r ->
                          r.finishedAt().orElse(r.startedAt()).toEpochMilli()
                              - r.startedAt().toEpochMilli())
                  .sum()
              / 1e3;
      System.out.println("ingest_seconds=" + ingestSeconds);
      System.out.println("source_seconds=" + (seconds - ingestSeconds));
      System.out.println(
          "source_mb="
              + run.runs().stream().mapToLong(IngestionRun::sourceBytes).sum() / 1048576.0);
      System.out.println("runs=" + run.runs().size());
      System.out.println("failed=" + run.failed().size());
      System.out.println(
          "rows_read=" + run.runs().stream().mapToLong(IngestionRun::rowsRead).sum());
      System.out.println("rows=" + run.runs().stream().mapToLong(IngestionRun::rowsAccepted).sum());
      System.out.println(
          "rows_quarantined=" + run.runs().stream().mapToLong(IngestionRun::rowsQuarantined).sum());
      System.out.println(
          "version="
              + comptoir
                  .ingestion()
                  .findLatestVersion(ProductId.of(PRODUCT))
                  .map(v -> String.valueOf(v.number()))
                  .orElse("none"));
      // the versions are readable once the run returns; their profiles follow in the background
      long profiles = System.nanoTime();
      for (IngestionRun ingestion : run.runs()) {
        if (ingestion.versionNumber().isPresent()) {
          comptoir
              .ingestion()
              .profiled(ingestion.product(), ingestion.versionNumber().get())
              .join();
        }
      }
      System.out.println("profile_after_seconds=" + Measure.seconds(profiles));
      System.out.println("peak_rss_mib=" + Measure.peakRssMib());
    }
  }

  private static void seed(CatalogService catalog, List<Column> columns) {
    Instant now = catalog.clock().instant();
    catalog.saveEntity(new LegalEntity("BSCC", "Services-Courrier-Colis", ""));
    catalog.saveDomain(new Domain("colis", "Colis", ""));
    catalog.saveProduct(
        new DataProduct(
            ProductId.of(PRODUCT),
            "Flux (benchmark)",
            "",
            "BSCC",
            "colis",
            "bench",
            "",
            "",
            Classification.INTERNAL,
            List.of(),
            columns,
            now,
            now));
  }
}

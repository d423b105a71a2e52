package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.api.CatalogJson.Items;
import io.comptoir.api.CatalogJson.VersionSummaryJson;
import io.comptoir.api.IngestionJson.RowsJson;
import io.comptoir.api.IngestionJson.VersionJson;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.NotFoundException;
import io.comptoir.common.PageRequest;
import io.comptoir.identity.Access;
import io.comptoir.ingest.ColumnProfile;
import io.comptoir.ingest.IngestionService;
import io.comptoir.ingest.Version;
import io.comptoir.ingest.VersionProfile;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * Versions of a product and a small preview of their rows. The governed data API, under a usage
 * contract, comes with contracts.
 */
final class VersionRoutes {
  /** The {@code Retry-After} of a profile being computed. */
  static final int PROFILE_RETRY_SECONDS = 2;

  private final CatalogService catalog;
  private final IngestionService ingestion;

  VersionRoutes(CatalogService catalog, IngestionService ingestion) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.ingestion = requireNonNull(ingestion, "ingestion is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/products/{id}/versions", this::versions);
    routes.get("/api/v1/products/{id}/versions/{number}", this::version);
    routes.get("/api/v1/products/{id}/versions/{number}/rows", this::rows);
    routes.get("/api/v1/products/{id}/versions/{number}/profile", this::profile);
    routes.get("/api/v1/products/{id}/versions/{number}/drift", this::drift);
  }

  private void versions(Context context) {
    ProductId product = catalog.loadProduct(Parameters.productId(context)).id();
    context.json(Items.of(ingestion.listVersions(product), VersionSummaryJson::of));
  }

  private void version(Context context) {
    Version version = loadVersion(context);
    String profile;
    if (ingestion.profiling(version.product(), version.number())) {
      profile = "COMPUTING";
    } else {
      profile =
          ingestion.profiled(version.product(), version.number()).join().isPresent()
              ? "READY"
              : "NONE";
    }
    context.json(VersionJson.of(version, ingestion.loadRun(version.run()), profile));
  }

  private void rows(Context context) {
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    Access.readRows(Caller.principal(context), product);
    Version version = ingestion.loadVersion(product.id(), Parameters.versionNumber(context));
    List<String> columns = Parameters.list(context, "columns");
    PageRequest page = Parameters.page(context);
    context.json(
        RowsJson.of(
            ingestion.read(version, columns, page.offset(), page.limit()),
            page.offset(),
            page.limit()));
  }

  /** Readable by whoever may read the product's description: personal columns show counts only. */
  private void profile(Context context) {
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    Version version = ingestion.loadVersion(product.id(), Parameters.versionNumber(context));
    refuseWhileProfiling(context, version.product(), version.number());
    VersionProfile profile = ingestion.loadProfile(version.product(), version.number());
    // a column declared personal since the version was profiled shows counts only too
    List<ColumnProfile> columns =
        profile.columns().stream()
            .map(c -> personalNow(product, c.name()) ? c.countsOnly() : c)
            .toList();
    context.json(
        ProfileJson.VersionProfileJson.of(
            new VersionProfile(profile.product(), profile.version(), profile.rows(), columns)));
  }

  private static boolean personalNow(DataProduct product, String column) {
    return product.columns().stream()
        .anyMatch(c -> c.name().equals(column) && c.personalData() != PersonalDataCategory.NONE);
  }

  private void drift(Context context) {
    Version version = loadVersion(context);
    refuseWhileProfiling(context, version.product(), version.number());
    if (version.number() > 1) {
      refuseWhileProfiling(context, version.product(), version.number() - 1);
    }
    context.json(
        ProfileJson.DriftJson.of(
            ingestion
                .drift(version.product(), version.number())
                .orElseThrow(
                    () ->
                        new NotFoundException(
                            "drift (a first version, or a version without a profile)",
                            version.product() + "@" + version.number()))));
  }

  /**
   * A profile is computed in the background after its version's commit: until it is stored, a 404
   * that says so, with {@code Retry-After}.
   */
  private void refuseWhileProfiling(Context context, ProductId product, int number) {
    if (ingestion.profiling(product, number)) {
      context.header("Retry-After", String.valueOf(PROFILE_RETRY_SECONDS));
      throw new ComptoirException(
          ErrorCode.NOT_FOUND,
          "the profile of version "
              + number
              + " of "
              + product
              + " is being computed; try again in a few seconds");
    }
  }

  private Version loadVersion(Context context) {
    ProductId product = catalog.loadProduct(Parameters.productId(context)).id();
    return ingestion.loadVersion(product, Parameters.versionNumber(context));
  }
}

package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.api.CatalogJson.ProductJson;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.identity.Access;
import io.comptoir.identity.Principal;
import io.comptoir.ingest.IngestionService;
import io.comptoir.odcs.OdcsDocuments;
import io.comptoir.quality.QualityRules;
import io.comptoir.quality.QualityService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/** A product's data contract as an ODCS v3.1.0 YAML document, exported and imported. */
final class StandardsRoutes {
  static final String YAML = "application/yaml";

  private final CatalogService catalog;
  private final IngestionService ingestion;
  private final OdcsDocuments odcs;
  private final QualityService quality;

  StandardsRoutes(
      CatalogService catalog,
      IngestionService ingestion,
      OdcsDocuments odcs,
      QualityService quality) {
    this.quality = requireNonNull(quality, "quality is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.ingestion = requireNonNull(ingestion, "ingestion is null");
    this.odcs = requireNonNull(odcs, "odcs is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/products/{id}/odcs", this::export);
    routes.put("/api/v1/products/{id}/odcs", this::importDocument);
  }

  private void export(Context context) {
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    context.contentType(YAML + "; charset=utf-8");
    context.result(
        odcs.export(
            product, ingestion.findLatestVersion(product.id()), quality.rules(product.id())));
  }

  private void importDocument(Context context) {
    Principal principal = Caller.principal(context);
    ProductId id = Parameters.productId(context);
    catalog.findProduct(id).ifPresent(existing -> Access.editProduct(principal, existing));
    DataProduct changed = odcs.read(id, context.bodyAsBytes(), catalog.clock().instant());
    Access.editProduct(principal, changed);
    // the quality section, when there is one, replaces the rules; checked before anything is saved
    Optional<QualityRules> rules = odcs.readQuality(context.bodyAsBytes());
    rules.ifPresent(r -> quality.check(changed, r));
    DataProduct product = catalog.saveProduct(changed);
    rules.ifPresent(r -> quality.save(principal, product.id(), r));
    context.json(ProductJson.of(product, ingestion.listVersions(product.id())));
  }
}

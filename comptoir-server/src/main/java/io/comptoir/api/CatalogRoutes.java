package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.api.CatalogJson.DomainJson;
import io.comptoir.api.CatalogJson.EntityJson;
import io.comptoir.api.CatalogJson.Items;
import io.comptoir.api.CatalogJson.PageJson;
import io.comptoir.api.CatalogJson.ProductJson;
import io.comptoir.api.CatalogJson.ProductSummaryJson;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.ingest.IngestionService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Entities, domains and products. */
final class CatalogRoutes {
  private final CatalogService catalog;
  private final IngestionService ingestion;

  CatalogRoutes(CatalogService catalog, IngestionService ingestion) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.ingestion = requireNonNull(ingestion, "ingestion is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/entities", this::entities);
    routes.get("/api/v1/domains", this::domains);
    routes.get("/api/v1/products", this::products);
    routes.get("/api/v1/products/{id}", this::product);
  }

  private void entities(Context context) {
    context.json(Items.of(catalog.listEntities(), EntityJson::of));
  }

  private void domains(Context context) {
    context.json(Items.of(catalog.listDomains(), DomainJson::of));
  }

  private void products(Context context) {
    ProductQuery query =
        new ProductQuery(
            Parameters.string(context, "entity"),
            Parameters.string(context, "domain"),
            Parameters.string(context, "tag"),
            Parameters.enumeration(context, "classification", Classification.class),
            Parameters.page(context));
    context.json(PageJson.of(catalog.listProducts(query), ProductSummaryJson::of));
  }

  private void product(Context context) {
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    context.json(ProductJson.of(product, ingestion.listVersions(product.id())));
  }
}

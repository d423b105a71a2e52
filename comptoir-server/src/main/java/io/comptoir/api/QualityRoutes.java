package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.DataProduct;
import io.comptoir.quality.QualityRules;
import io.comptoir.quality.QualityService;
import io.comptoir.quality.StoredRules;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * The quality rules of a product (read by whoever may see the product, written by its owner or
 * steward) and the results of its versions.
 */
final class QualityRoutes {
  private final CatalogService catalog;
  private final QualityService quality;

  QualityRoutes(CatalogService catalog, QualityService quality) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.quality = requireNonNull(quality, "quality is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/products/{id}/quality", this::rules);
    routes.put("/api/v1/products/{id}/quality", this::save);
    routes.get("/api/v1/products/{id}/quality/results", this::results);
  }

  private void rules(Context context) {
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    context.json(
        QualityJson.RulesJson.of(
            product.id(),
            quality.stored(product.id()),
            quality.rules(product.id()),
            quality.format()));
  }

  /** The body is the YAML document, or the same as JSON (then kept as YAML). */
  private void save(Context context) {
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    String body = FlowRoutes.text(context.bodyAsBytes());
    String type = String.valueOf(context.contentType()).toLowerCase(Locale.ROOT);
    StoredRules stored;
    if (type.startsWith("application/json")) {
      QualityRules rules = quality.format().parse(body);
      stored = quality.save(Caller.principal(context), product.id(), rules);
    } else {
      stored = quality.save(Caller.principal(context), product.id(), body);
    }
    context.json(
        QualityJson.RulesJson.of(
            product.id(),
            java.util.Optional.of(stored),
            quality.format().parse(stored.document()),
            quality.format()));
  }

  private void results(Context context) {
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    int limit = Parameters.integer(context, "limit", 20);
    if (limit < 1 || limit > QualityService.MAX_TREND) {
      throw io.comptoir.common.ComptoirException.invalidInput(
          "query parameter 'limit' must be between 1 and %d, got %d",
          QualityService.MAX_TREND, limit);
    }
    context.json(
        QualityJson.ResultsJson.of(
            product.id(), quality.freshness(product.id()), quality.history(product.id(), limit)));
  }
}

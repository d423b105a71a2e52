package io.comptoir.web;

import io.comptoir.api.Services;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.Access;
import io.comptoir.identity.Principal;
import io.comptoir.quality.QualityRule;
import io.comptoir.quality.QualityRules;
import io.comptoir.quality.QualityService;
import io.comptoir.quality.StoredRules;
import io.comptoir.quality.VersionResults;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quality section of the product page (rules, latest results, pass-rate trend) and the page
 * where owners and stewards edit the rules' YAML.
 */
final class QualityPages {
  /** Versions in the trend of the product page. */
  static final int TREND_VERSIONS = 20;

  /** What the product page shows of the product's quality. */
  record QualitySection(
      ProductId product,
      boolean mayEdit,
      List<QualityRule> rules,
      Optional<Duration> sla,
      Optional<QualityService.Freshness> freshness,
      Optional<VersionResults> latest,
      int trendVersions,
      String trendChart,
      String problem) {
    boolean empty() {
      return rules.isEmpty() && sla.isEmpty();
    }

    /** The share of rules the latest version passed, in percent. */
    long latestPassPercent() {
      return latest.map(r -> Math.round(r.outcome().passRate() * 100)).orElse(0L);
    }
  }

  record EditView(
      DataProduct product, String document, Optional<StoredRules> stored, String error) {}

  private final Pages pages;
  private final Services services;

  QualityPages(Pages pages, Services services) {
    this.pages = pages;
    this.services = services;
  }

  void register(RoutesConfig routes) {
    routes.get("/products/{id}/quality", this::edit);
    routes.post("/products/{id}/quality", this::save);
  }

  /** The section of a product page; a rules document that no longer parses is shown, not thrown. */
  static QualitySection section(
      Services services, Principal principal, DataProduct product, Messages messages) {
    QualityService quality = services.quality();
    boolean mayEdit = mayEdit(principal, product);
    QualityRules rules = QualityRules.NONE;
    String problem = "";
    try {
      rules = quality.rules(product.id());
    } catch (ComptoirException e) {
      problem = e.getMessage();
    }
    List<VersionResults> history = new ArrayList<>(quality.history(product.id(), TREND_VERSIONS));
    java.util.Collections.reverse(history);
    String chart =
        ProductPages.chart(
            "line",
            history.stream().map(r -> "v" + r.version()).toList(),
            List.of(
                ProductPages.series(
                    messages.text("quality.trend.pass-rate"),
                    history.stream()
                        .map(r -> Math.round(r.outcome().passRate() * 1000) / 10.0)
                        .toList())));
    return new QualitySection(
        product.id(),
        mayEdit,
        rules.rules(),
        rules.freshness(),
        quality.freshness(product.id()),
        history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1)),
        history.size(),
        chart,
        problem);
  }

  private static boolean mayEdit(Principal principal, DataProduct product) {
    try {
      Access.editProduct(principal, product);
      return true;
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.FORBIDDEN) {
        throw e;
      }
      return false;
    }
  }

  private void edit(Context context) {
    Principal principal = Web.signedIn(context);
    DataProduct product = services.catalog().loadProduct(productId(context));
    Access.editProduct(principal, product);
    Optional<StoredRules> stored = services.quality().stored(product.id());
    render(context, product, stored.map(StoredRules::document).orElse(""), stored, "");
  }

  private void save(Context context) {
    Principal principal = Web.signedIn(context);
    DataProduct product = services.catalog().loadProduct(productId(context));
    Access.editProduct(principal, product);
    String document = context.formParam("document");
    document = document == null ? "" : document.replace("\r\n", "\n");
    try {
      services.quality().save(principal, product.id(), document);
    } catch (ComptoirException e) {
      if (e.code() != ErrorCode.INVALID_INPUT) {
        throw e;
      }
      context.status(400);
      render(context, product, document, services.quality().stored(product.id()), e.getMessage());
      return;
    }
    context.redirect(
        "/products/" + product.id().value() + "#quality-title",
        io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void render(
      Context context,
      DataProduct product,
      String document,
      Optional<StoredRules> stored,
      String error) {
    pages.render(
        context,
        "quality_edit.jte",
        Map.of("view", new EditView(product, document, stored, error)));
  }

  private static ProductId productId(Context context) {
    return ProductPages.productId(context);
  }
}

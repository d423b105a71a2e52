package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.api.CatalogJson.DomainJson;
import io.comptoir.api.CatalogJson.EntityJson;
import io.comptoir.api.CatalogJson.Items;
import io.comptoir.api.CatalogJson.NamedInputJson;
import io.comptoir.api.CatalogJson.PageJson;
import io.comptoir.api.CatalogJson.ProductInputJson;
import io.comptoir.api.CatalogJson.ProductJson;
import io.comptoir.api.CatalogJson.ProductSummaryJson;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.Page;
import io.comptoir.common.PageRequest;
import io.comptoir.identity.Access;
import io.comptoir.identity.Principal;
import io.comptoir.ingest.IngestionService;
import io.comptoir.score.StandingService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Entities, domains and products. */
final class CatalogRoutes {
  private final CatalogService catalog;
  private final IngestionService ingestion;

  private final ObjectMapper mapper;
  private final StandingService standing;

  CatalogRoutes(
      CatalogService catalog,
      IngestionService ingestion,
      ObjectMapper mapper,
      StandingService standing) {
    this.standing = requireNonNull(standing, "standing is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.ingestion = requireNonNull(ingestion, "ingestion is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/entities", this::entities);
    routes.get("/api/v1/domains", this::domains);
    routes.get("/api/v1/products", this::products);
    routes.get("/api/v1/products/{id}", this::product);
    routes.put("/api/v1/entities/{code}", this::putEntity);
    routes.put("/api/v1/domains/{id}", this::putDomain);
    routes.put("/api/v1/products/{id}", this::putProduct);
  }

  private void putEntity(Context context) {
    Access.editReferenceData(Caller.principal(context));
    NamedInputJson body = Json.read(mapper, context.bodyInputStream(), NamedInputJson.class);
    LegalEntity entity =
        new LegalEntity(context.pathParam("code"), body.name(), body.description());
    catalog.saveEntity(entity);
    context.json(EntityJson.of(entity));
  }

  private void putDomain(Context context) {
    Access.editReferenceData(Caller.principal(context));
    NamedInputJson body = Json.read(mapper, context.bodyInputStream(), NamedInputJson.class);
    Domain domain = new Domain(context.pathParam("id"), body.name(), body.description());
    catalog.saveDomain(domain);
    context.json(DomainJson.of(domain));
  }

  private void putProduct(Context context) {
    Principal principal = Caller.principal(context);
    ProductId id = Parameters.productId(context);
    catalog.findProduct(id).ifPresent(existing -> Access.editProduct(principal, existing));
    ProductInputJson body = Json.read(mapper, context.bodyInputStream(), ProductInputJson.class);
    DataProduct changed = body.toProduct(id, catalog.clock().instant());
    Access.editProduct(principal, changed);
    DataProduct product = catalog.saveProduct(changed);
    context.json(ProductJson.of(product, ingestion.listVersions(product.id())));
  }

  private void entities(Context context) {
    context.json(Items.of(catalog.listEntities(), EntityJson::of));
  }

  private void domains(Context context) {
    context.json(Items.of(catalog.listDomains(), DomainJson::of));
  }

  private void products(Context context) {
    PageRequest page = Parameters.page(context);
    String sort = Parameters.string(context, "sort").orElse("id");
    if (!sort.equals("id") && !sort.equals("score")) {
      throw ComptoirException.invalidInput("sort must be 'id' or 'score', got '%s'", sort);
    }
    ProductQuery query =
        new ProductQuery(
            Parameters.string(context, "entity"),
            Parameters.string(context, "domain"),
            Parameters.string(context, "tag"),
            Parameters.enumeration(context, "classification", Classification.class),
            sort.equals("score") ? PageRequest.first(Page.MAX_LIMIT) : page);
    // sorted by the stored scores: end the certifications due first
    standing.checkCertifications();
    if (sort.equals("id")) {
      context.json(PageJson.of(catalog.listProducts(query), this::summary));
      return;
    }
    context.json(PageJson.of(byScore(query, page), this::summary));
  }

  /** Every matching product, best score first (unscored last, then by id), one page of it. */
  private Page<DataProduct> byScore(ProductQuery query, PageRequest page) {
    List<DataProduct> all = new ArrayList<>();
    int offset = 0;
    while (true) {
      Page<DataProduct> chunk =
          catalog.listProducts(
              new ProductQuery(
                  query.entity(),
                  query.domain(),
                  query.tag(),
                  query.classification(),
                  new PageRequest(offset, Page.MAX_LIMIT)));
      all.addAll(chunk.items());
      offset += chunk.items().size();
      if (chunk.items().isEmpty() || offset >= chunk.total()) {
        break;
      }
    }
    Map<ProductId, Integer> scores = new HashMap<>();
    all.forEach(p -> scores.put(p.id(), standing.score(p.id()).orElse(-1)));
    all.sort(
        Comparator.comparing((DataProduct p) -> -scores.get(p.id()))
            .thenComparing(p -> p.id().value()));
    int from = Math.min(page.offset(), all.size());
    int to = Math.min(from + page.limit(), all.size());
    return new Page<>(all.subList(from, to), all.size(), page.offset(), page.limit());
  }

  private ProductSummaryJson summary(DataProduct product) {
    return ProductSummaryJson.of(product)
        .withStanding(standing.score(product.id()), standing.certification(product.id()));
  }

  private void product(Context context) {
    DataProduct product = catalog.loadProduct(Parameters.productId(context));
    context.json(ProductJson.of(product, ingestion.listVersions(product.id())));
  }
}

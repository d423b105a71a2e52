package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.audit.AuditService;
import io.comptoir.catalog.CatalogService;
import io.comptoir.contract.ConsumptionService;
import io.comptoir.contract.ContractService;
import io.comptoir.contract.GovernedReadService;
import io.comptoir.flow.FlowRunner;
import io.comptoir.flow.FlowService;
import io.comptoir.glossary.GlossaryService;
import io.comptoir.identity.IdentityProvider;
import io.comptoir.identity.IdentityService;
import io.comptoir.ingest.ImportDirectories;
import io.comptoir.ingest.IngestionService;
import io.comptoir.quality.QualityService;
import io.comptoir.score.StandingService;
import io.comptoir.search.SearchIndex;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The services the HTTP front ends (REST API and web pages) call, wired by the composition root.
 */
public record Services(
    CatalogService catalog,
    IngestionService ingestion,
    ImportDirectories importDirectories,
    UploadSettings uploads,
    IdentityService identities,
    IdentityProvider identityProvider,
    Sessions sessions,
    ContractService contracts,
    GovernedReadService reads,
    AuditService audit,
    ConsumptionService consumption,
    FlowService flows,
    FlowRunner flowRunner,
    PrometheusMeterRegistry metrics,
    GlossaryService glossary,
    StandingService standing,
    QualityService quality,
    io.comptoir.lineage.Lineage lineage,
    SearchIndex search) {
  public Services {
    requireNonNull(catalog, "catalog is null");
    requireNonNull(ingestion, "ingestion is null");
    requireNonNull(importDirectories, "importDirectories is null");
    requireNonNull(uploads, "uploads is null");
    requireNonNull(identities, "identities is null");
    requireNonNull(identityProvider, "identityProvider is null");
    requireNonNull(sessions, "sessions is null");
    requireNonNull(contracts, "contracts is null");
    requireNonNull(reads, "reads is null");
    requireNonNull(audit, "audit is null");
    requireNonNull(consumption, "consumption is null");
    requireNonNull(flows, "flows is null");
    requireNonNull(flowRunner, "flowRunner is null");
    requireNonNull(search, "search is null");
    requireNonNull(metrics, "metrics is null");
    requireNonNull(glossary, "glossary is null");
    requireNonNull(standing, "standing is null");
    requireNonNull(quality, "quality is null");
    requireNonNull(lineage, "lineage is null");
  }
}

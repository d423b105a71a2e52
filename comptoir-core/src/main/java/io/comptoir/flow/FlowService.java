package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.audit.AuditService;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.DataProduct;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.NotFoundException;
import io.comptoir.identity.Access;
import io.comptoir.identity.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saves and reads flow and template documents. Saving an unchanged document keeps its version;
 * saving a changed one adds a version. Every change is audited.
 */
public final class FlowService {
  private final FlowRepository repository;
  private final FlowParser parser;
  private final CatalogService catalog;
  private final AuditService audit;
  private final Clock clock;

  public FlowService(
      FlowRepository repository,
      FlowParser parser,
      CatalogService catalog,
      AuditService audit,
      Clock clock) {
    this.repository = requireNonNull(repository, "repository is null");
    this.parser = requireNonNull(parser, "parser is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** What saving did: the stored version and whether it is new. */
  public record Saved(StoredFlowDocument document, boolean created) {}

  /**
   * Validates and saves a document.
   *
   * @param expectedId the id the caller addresses (the URL's), checked against the document's
   */
  public Saved save(Principal principal, Optional<FlowId> expectedId, String text) {
    requireNonNull(principal, "principal is null");
    if (text == null || text.isBlank()) {
      throw ComptoirException.invalidInput("the flow document is empty");
    }
    FlowParser.Parsed parsed =
        parser.parse(
            text,
            this::templateText,
            product ->
                catalog
                    .findProduct(product)
                    .map(p -> p.columns().stream().map(io.comptoir.catalog.Column::name).toList())
                    .orElse(List.of()));
    expectedId.ifPresent(
        id -> {
          if (!id.equals(parsed.id())) {
            throw ComptoirException.invalidInput(
                "the document's id '%s' differs from '%s' in the address", parsed.id(), id);
          }
        });
    FlowDocumentKind kind;
    Optional<io.comptoir.catalog.ProductId> product;
    String resolved;
    if (parsed instanceof FlowParser.ParsedFlow flow) {
      DataProduct target = catalog.loadProduct(flow.definition().product());
      Access.manageFlows(principal, target);
      kind = FlowDocumentKind.FLOW;
      product = Optional.of(target.id());
      resolved = flow.resolved();
    } else {
      Access.manageFlowTemplates(principal);
      kind = FlowDocumentKind.TEMPLATE;
      product = Optional.empty();
      resolved = text;
    }
    Optional<StoredFlowDocument> latest = repository.findLatest(parsed.id());
    if (latest.isPresent()) {
      if (latest.get().kind() != kind) {
        throw ComptoirException.conflict(
            "'%s' is a %s already: choose another id for this %s",
            parsed.id(), word(latest.get().kind()), word(kind));
      }
      latest.get().product().ifPresent(previous -> requireManage(principal, latest.get()));
      if (latest.get().document().equals(text) && latest.get().resolved().equals(resolved)) {
        return new Saved(latest.get(), false);
      }
    }
    StoredFlowDocument saved =
        new StoredFlowDocument(
            parsed.id(),
            latest.map(d -> d.version() + 1).orElse(1),
            kind,
            text,
            resolved,
            product,
            clock.instant(),
            principal.name());
    repository.insert(saved);
    audit.record(
        principal.name(),
        kind == FlowDocumentKind.FLOW ? "FLOW_SAVED" : "FLOW_TEMPLATE_SAVED",
        "flow:" + saved.id(),
        Map.of("version", String.valueOf(saved.version())));
    return new Saved(saved, true);
  }

  /** The latest version of a document the principal may read. */
  public StoredFlowDocument load(Principal principal, FlowId id) {
    StoredFlowDocument document =
        repository.findLatest(id).orElseThrow(() -> new NotFoundException("flow", id));
    requireManage(principal, document);
    return document;
  }

  /** One version of a document. */
  public StoredFlowDocument loadVersion(Principal principal, FlowId id, int version) {
    StoredFlowDocument latest = load(principal, id);
    if (version == latest.version()) {
      return latest;
    }
    return repository
        .findVersion(id, version)
        .orElseThrow(() -> new NotFoundException("flow version", id + "@" + version));
  }

  /** Every version of a document, oldest first. */
  public List<StoredFlowDocument> history(Principal principal, FlowId id) {
    load(principal, id);
    return repository.history(id);
  }

  /** The latest version of every document the principal may read. */
  public List<StoredFlowDocument> list(Principal principal) {
    return repository.listLatest().stream().filter(d -> mayManage(principal, d)).toList();
  }

  /** FORBIDDEN unless the principal may manage the flows of the product. */
  public void requireManage(Principal principal, io.comptoir.catalog.ProductId product) {
    Access.manageFlows(principal, catalog.loadProduct(product));
  }

  /** The latest version of every document, for the scheduler (no access check). */
  public List<StoredFlowDocument> listAll() {
    return repository.listLatest();
  }

  /** The definition a flow's runs use. */
  public FlowDefinition definition(StoredFlowDocument document) {
    if (document.kind() != FlowDocumentKind.FLOW) {
      throw ComptoirException.invalidInput("'%s' is a template, not a flow", document.id());
    }
    return parser.parseResolved(document.resolved());
  }

  public boolean isPaused(FlowId id) {
    return repository.isPaused(id);
  }

  /** Pauses or resumes a flow's scheduled and file-arrival runs. */
  public void setPaused(Principal principal, FlowId id, boolean paused) {
    StoredFlowDocument document = load(principal, id);
    if (document.kind() != FlowDocumentKind.FLOW) {
      throw ComptoirException.invalidInput("'%s' is a template: only flows run", id);
    }
    repository.setPaused(id, paused);
    audit.record(principal.name(), paused ? "FLOW_PAUSED" : "FLOW_RESUMED", "flow:" + id, Map.of());
  }

  private Optional<String> templateText(FlowId id) {
    return repository
        .findLatest(id)
        .filter(d -> d.kind() == FlowDocumentKind.TEMPLATE)
        .map(StoredFlowDocument::document);
  }

  private void requireManage(Principal principal, StoredFlowDocument document) {
    if (document.product().isPresent()) {
      Access.manageFlows(principal, catalog.loadProduct(document.product().get()));
    } else {
      Access.manageFlowTemplates(principal);
    }
  }

  private boolean mayManage(Principal principal, StoredFlowDocument document) {
    try {
      requireManage(principal, document);
      return true;
    } catch (ComptoirException e) {
      return false;
    }
  }

  private static String word(FlowDocumentKind kind) {
    return kind == FlowDocumentKind.FLOW ? "flow" : "template";
  }
}

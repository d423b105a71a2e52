package io.comptoir.glossary;

import static java.util.Objects.requireNonNull;

import io.comptoir.audit.AuditService;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.MetadataChanges;
import io.comptoir.common.NotFoundException;
import io.comptoir.identity.Access;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The business glossary. Terms are written by data stewards, data owners, the data office and
 * admins; only the data office or an admin approves, deprecates or deletes a term. Columns are
 * linked to terms by whoever may change their product. Every change is audited and published on the
 * metadata bus (GLOSSARY; a column link also PRODUCT, since it changes the product's score).
 */
public final class GlossaryService implements GlossaryFacts {
  private final GlossaryRepository repository;
  private final CatalogService catalog;
  private final AuditService audit;
  private final MetadataChanges changes;
  private final Clock clock;

  public GlossaryService(
      GlossaryRepository repository,
      CatalogService catalog,
      AuditService audit,
      MetadataChanges changes,
      Clock clock) {
    this.repository = requireNonNull(repository, "repository is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.changes = requireNonNull(changes, "changes is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** What a person writes about a term; the status is changed apart. */
  public record TermInput(
      String name, String definition, List<String> synonyms, String owner, List<String> related) {}

  @Override
  public List<TermSummary> terms() {
    return repository.list().stream().map(GlossaryTerm::summary).toList();
  }

  @Override
  public Map<String, List<String>> columnTerms(ProductId product) {
    return repository.columnTerms(product);
  }

  public List<GlossaryTerm> list() {
    return repository.list();
  }

  public GlossaryTerm load(String id) {
    return repository.find(id).orElseThrow(() -> new NotFoundException("glossary term", id));
  }

  public Optional<GlossaryTerm> find(String id) {
    return repository.find(id);
  }

  /** The columns linked to a term. */
  public List<ColumnRef> columnsUsing(String id) {
    load(id);
    return repository.columnsUsing(id);
  }

  /** Creates a draft term; its id is made from its name unless given. */
  public GlossaryTerm create(Principal principal, Optional<String> id, TermInput input) {
    requireWriter(principal);
    requireNonNull(input, "input is null");
    String termId = id.filter(s -> !s.isBlank()).orElseGet(() -> slug(input.name()));
    if (repository.find(termId).isPresent()) {
      throw ComptoirException.conflict("glossary term '%s' already exists", termId);
    }
    Instant now = clock.instant();
    GlossaryTerm term = build(termId, input, principal, TermStatus.DRAFT, now, now);
    repository.save(term);
    audit.record(
        principal.name(), "GLOSSARY_TERM_CREATED", "term:" + termId, Map.of("name", term.name()));
    changes.publish(MetadataChanges.Kind.GLOSSARY, termId);
    return term;
  }

  /** Changes a term's name, definition, synonyms, owner and related terms; keeps its status. */
  public GlossaryTerm update(Principal principal, String id, TermInput input) {
    requireWriter(principal);
    GlossaryTerm existing = load(id);
    GlossaryTerm term =
        build(id, input, principal, existing.status(), existing.createdAt(), clock.instant());
    repository.save(term);
    audit.record(
        principal.name(), "GLOSSARY_TERM_UPDATED", "term:" + id, Map.of("name", term.name()));
    changes.publish(MetadataChanges.Kind.GLOSSARY, id);
    return term;
  }

  /**
   * Approves, deprecates or puts back to draft a term: data office or admin. Deprecating flags the
   * columns that use the term (see {@link #deprecatedLinks}).
   */
  public GlossaryTerm setStatus(Principal principal, String id, TermStatus status, String comment) {
    requireDataOffice(principal, "change the status of glossary terms");
    requireNonNull(status, "status is null");
    GlossaryTerm existing = load(id);
    if (existing.status() == status) {
      return existing;
    }
    GlossaryTerm term = existing.withStatus(status, clock.instant());
    repository.save(term);
    audit.record(
        principal.name(),
        "GLOSSARY_TERM_" + status.name(),
        "term:" + id,
        Map.of(
            "from", existing.status().name(),
            "comment", comment == null ? "" : comment,
            "columns", Integer.toString(repository.columnsUsing(id).size())));
    changes.publish(MetadataChanges.Kind.GLOSSARY, id);
    return term;
  }

  /** Deletes a term and its links: data office or admin. */
  public void delete(Principal principal, String id) {
    requireDataOffice(principal, "delete glossary terms");
    load(id);
    List<ColumnRef> used = repository.columnsUsing(id);
    repository.delete(id);
    audit.record(
        principal.name(),
        "GLOSSARY_TERM_DELETED",
        "term:" + id,
        Map.of("columns", Integer.toString(used.size())));
    changes.publish(MetadataChanges.Kind.GLOSSARY, id);
    used.stream()
        .map(ColumnRef::product)
        .distinct()
        .forEach(p -> changes.publish(MetadataChanges.Kind.PRODUCT, p.value()));
  }

  /** Replaces the terms a column links to: whoever may change the product. */
  public List<String> linkColumn(
      Principal principal, ProductId productId, String column, List<String> termIds) {
    DataProduct product = catalog.loadProduct(productId);
    Access.editProduct(principal, product);
    Column found =
        product.columns().stream()
            .filter(c -> c.name().equals(column))
            .findFirst()
            .orElseThrow(() -> new NotFoundException("column", productId.value() + "." + column));
    List<String> ids = termIds == null ? List.of() : termIds.stream().distinct().toList();
    for (String id : ids) {
      if (repository.find(id).isEmpty()) {
        throw ComptoirException.invalidInput("unknown glossary term '%s'", id);
      }
    }
    repository.linkColumn(new ColumnRef(productId, found.name()), ids);
    audit.record(
        principal.name(),
        "COLUMN_TERMS_LINKED",
        "product:" + productId.value(),
        Map.of("column", found.name(), "terms", String.join(",", ids)));
    changes.publish(MetadataChanges.Kind.GLOSSARY, "");
    changes.publish(MetadataChanges.Kind.PRODUCT, productId.value());
    return ids;
  }

  /** Column name to the deprecated terms it still links to, for one product. */
  public Map<String, List<GlossaryTerm>> deprecatedLinks(ProductId product) {
    Map<String, GlossaryTerm> deprecated = new LinkedHashMap<>();
    for (GlossaryTerm term : repository.list()) {
      if (term.status() == TermStatus.DEPRECATED) {
        deprecated.put(term.id(), term);
      }
    }
    Map<String, List<GlossaryTerm>> flagged = new LinkedHashMap<>();
    if (deprecated.isEmpty()) {
      return flagged;
    }
    repository
        .columnTerms(product)
        .forEach(
            (column, ids) -> {
              List<GlossaryTerm> terms = new ArrayList<>();
              ids.stream().map(deprecated::get).filter(t -> t != null).forEach(terms::add);
              if (!terms.isEmpty()) {
                flagged.put(column, terms);
              }
            });
    return flagged;
  }

  /** Whether the principal may create and edit terms. */
  public static boolean mayWrite(Principal principal) {
    return principal.isAdmin()
        || principal.hasRole(Role.DATA_STEWARD)
        || principal.hasRole(Role.DATA_OWNER)
        || principal.hasRole(Role.DATA_OFFICE);
  }

  /** Whether the principal may approve, deprecate and delete terms. */
  public static boolean mayGovern(Principal principal) {
    return principal.isAdmin() || principal.hasRole(Role.DATA_OFFICE);
  }

  private GlossaryTerm build(
      String id,
      TermInput input,
      Principal principal,
      TermStatus status,
      Instant createdAt,
      Instant updatedAt) {
    List<String> related = input.related() == null ? List.of() : input.related();
    for (String other : related) {
      if (!other.equals(id) && repository.find(other).isEmpty()) {
        throw ComptoirException.invalidInput("related term '%s' does not exist", other);
      }
    }
    String owner =
        input.owner() == null || input.owner().isBlank() ? principal.name() : input.owner().strip();
    return new GlossaryTerm(
        id,
        input.name(),
        input.definition(),
        input.synonyms(),
        owner,
        status,
        related,
        createdAt,
        updatedAt);
  }

  private static void requireWriter(Principal principal) {
    requireNonNull(principal, "principal is null");
    if (!mayWrite(principal)) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          principal.name()
              + " may not write glossary terms: needs DATA_STEWARD, DATA_OWNER, DATA_OFFICE or"
              + " ADMIN");
    }
  }

  private static void requireDataOffice(Principal principal, String action) {
    requireNonNull(principal, "principal is null");
    if (!mayGovern(principal)) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          principal.name() + " may not " + action + ": needs DATA_OFFICE or ADMIN");
    }
  }

  /** A term id made from its name: "Code postal" becomes {@code code-postal}. */
  static String slug(String name) {
    if (name == null || name.isBlank()) {
      throw ComptoirException.invalidInput("term name is required");
    }
    String plain =
        Normalizer.normalize(name, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (plain.length() > 63) {
      plain = plain.substring(0, 63).replaceAll("-+$", "");
    }
    if (plain.isEmpty()) {
      throw ComptoirException.invalidInput(
          "cannot make a term id from the name '%s': give an id", name);
    }
    return plain;
  }
}

package io.comptoir.flow;

import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import java.time.Instant;
import java.util.Optional;

/**
 * One version of a flow or template document as saved. Versions are immutable; saving a changed
 * document adds the next version.
 *
 * @param document the text as written
 * @param resolved for a flow, the effective document (template applied, parameters substituted)
 *     that runs use: a later change of the template does not change a saved flow until it is saved
 *     again; for a template, the text as written
 * @param product the target product of a flow
 */
public record StoredFlowDocument(
    FlowId id,
    int version,
    FlowDocumentKind kind,
    String document,
    String resolved,
    Optional<ProductId> product,
    Instant savedAt,
    String savedBy) {
  public StoredFlowDocument {
    requireNonNull(id, "id is null");
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, got " + version);
    }
    requireNonNull(kind, "kind is null");
    requireNonNull(document, "document is null");
    requireNonNull(resolved, "resolved is null");
    requireNonNull(product, "product is null");
    requireNonNull(savedAt, "savedAt is null");
    requireText(savedBy, "saved by");
  }
}

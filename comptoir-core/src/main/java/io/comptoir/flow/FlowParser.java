package io.comptoir.flow;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads flow documents (YAML in the server). Errors are INVALID_INPUT {@link ComptoirException}s
 * naming the line and the key.
 */
public interface FlowParser {
  /** What a document holds once read. */
  sealed interface Parsed permits ParsedFlow, ParsedTemplate {
    FlowId id();
  }

  /**
   * A flow.
   *
   * @param resolved the effective document, template applied
   * @param template the template used, if any
   */
  record ParsedFlow(FlowDefinition definition, String resolved, Optional<FlowId> template)
      implements Parsed {
    @Override
    public FlowId id() {
      return definition.id();
    }
  }

  /** A template and the parameters it declares. */
  record ParsedTemplate(FlowId id, Set<String> parameters) implements Parsed {}

  /**
   * Reads a document.
   *
   * @param templates the latest text of a template by id
   */
  Parsed parse(String document, Function<FlowId, Optional<String>> templates);

  /**
   * Reads a document for saving: as {@link #parse(String, Function)}, and also checks the keys of
   * {@code write.keys} against the columns of the flow's product.
   *
   * @param productColumns the declared columns of a product; empty when it has none yet (or is
   *     unknown), and then the keys are checked by each run
   */
  default Parsed parse(
      String document,
      Function<FlowId, Optional<String>> templates,
      Function<ProductId, List<String>> productColumns) {
    return parse(document, templates);
  }

  /** Reads an effective document saved before (already resolved). */
  FlowDefinition parseResolved(String resolved);
}

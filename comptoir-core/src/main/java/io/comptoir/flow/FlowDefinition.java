package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;

/** A flow, resolved from its document (template applied, parameters substituted) and valid. */
public record FlowDefinition(
    FlowId id,
    ProductId product,
    String description,
    FlowSource source,
    WriteSpec write,
    Trigger trigger,
    Controls controls,
    Retries retries,
    Alerts alerts) {
  public FlowDefinition {
    requireNonNull(id, "id is null");
    requireNonNull(product, "product is null");
    description = description == null ? "" : description;
    requireNonNull(source, "source is null");
    requireNonNull(write, "write is null");
    requireNonNull(trigger, "trigger is null");
    requireNonNull(controls, "controls is null");
    requireNonNull(retries, "retries is null");
    requireNonNull(alerts, "alerts is null");
    if (trigger.fileArrival() && !(source instanceof FileDropSource)) {
      throw ComptoirException.invalidInput(
          "trigger file-arrival needs a file-drop source, not %s", source.kind());
    }
    if (trigger.cron().isPresent() && source instanceof UploadSource) {
      throw ComptoirException.invalidInput(
          "trigger cron: a flow whose source is upload runs on each file uploaded to it, not on a"
              + " schedule");
    }
  }
}

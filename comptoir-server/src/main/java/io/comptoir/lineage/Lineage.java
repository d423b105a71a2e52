package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.CatalogRepository;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.contract.SharingRepository;
import io.comptoir.contract.SharingScope;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * The lineage capability as the HTTP layer uses it: the service (record, graph), the emitter of
 * Comptoir's own events and the forwarding when configured.
 */
public record Lineage(
    LineageService service, LineageEmitter emitter, Optional<HttpLineageForwarding> forwarding)
    implements AutoCloseable {
  public Lineage {
    requireNonNull(service, "service is null");
    requireNonNull(emitter, "emitter is null");
    requireNonNull(forwarding, "forwarding is null");
  }

  /**
   * Who sees which product in the graph: an ADMIN or the DATA_OFFICE sees every product; others see
   * the products shared with the whole group and those of their own entity. A product that stays in
   * another entity is an opaque node.
   */
  public static ProductVisibility entityWalls(
      CatalogRepository catalog, SharingRepository sharing) {
    return (Principal principal, String id) -> {
      Optional<DataProduct> product;
      try {
        product = catalog.findProduct(ProductId.of(id));
      } catch (RuntimeException e) {
        return ProductVisibility.Verdict.NOT_A_PRODUCT;
      }
      if (product.isEmpty()) {
        return ProductVisibility.Verdict.NOT_A_PRODUCT;
      }
      if (principal.isAdmin()
          || principal.hasRole(Role.DATA_OFFICE)
          || principal.entity().equals(product.get().entity())
          || sharing.scopeOf(product.get().id()) == SharingScope.GROUP) {
        return ProductVisibility.Verdict.VISIBLE;
      }
      return ProductVisibility.Verdict.RESTRICTED;
    };
  }

  /** Counts emitted, dropped and failed events, and the queue, as Prometheus metrics. */
  public void bindMetrics(MeterRegistry registry) {
    FunctionCounter.builder("comptoir.lineage.events.emitted", emitter, LineageEmitter::emitted)
        .description("Lineage events Comptoir emitted and stored")
        .register(registry);
    FunctionCounter.builder("comptoir.lineage.events.dropped", emitter, LineageEmitter::dropped)
        .description("Lineage events dropped because the queue was full")
        .register(registry);
    FunctionCounter.builder("comptoir.lineage.events.failed", emitter, LineageEmitter::failed)
        .description("Lineage events that could not be built or stored")
        .register(registry);
    Gauge.builder("comptoir.lineage.queue", emitter, LineageEmitter::queued)
        .description("Lineage events waiting to be stored")
        .register(registry);
    forwarding.ifPresent(
        forward -> {
          FunctionCounter.builder(
                  "comptoir.lineage.forward.sent", forward, HttpLineageForwarding::sent)
              .description("Lineage events forwarded to the external endpoint")
              .register(registry);
          FunctionCounter.builder(
                  "comptoir.lineage.forward.failed", forward, HttpLineageForwarding::failed)
              .description("Lineage events the external endpoint never took")
              .register(registry);
        });
  }

  /** Stores what is queued, then stops the emitter and the forwarding. */
  @Override
  public void close() {
    emitter.close();
    forwarding.ifPresent(HttpLineageForwarding::close);
  }
}

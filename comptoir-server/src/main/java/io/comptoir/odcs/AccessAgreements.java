package io.comptoir.odcs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.contract.ColumnGrant;
import io.comptoir.contract.Decision;
import io.comptoir.contract.UsageContract;
import io.comptoir.ingest.Version;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A usage contract as a YAML document shaped like Bitol's draft access agreement ({@code kind:
 * AccessAgreement}): the provider's product and output port, the data contract it refers to (the
 * product's ODCS document, by id and version), the consumer, the purpose, the dates. Comptoir's
 * terms (columns and masking, row scope, legal basis, committee decisions) are custom properties.
 */
public final class AccessAgreements {
  /** The output port of every product: the governed data API. */
  static final String OUTPUT_PORT = "governed-data-api";

  private final ObjectMapper yaml =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  public String export(UsageContract contract, Optional<Version> latest, Instant now) {
    ObjectNode document = yaml.createObjectNode();
    document.put("apiVersion", "v0.1.0");
    document.put("kind", "AccessAgreement");
    document.put("id", contract.id().value());
    document.put("status", contract.statusAt(now).name().toLowerCase(Locale.ROOT));
    ObjectNode provider = document.putObject("provider");
    provider.put("dataProduct", contract.product().value());
    provider.put("outputPort", OUTPUT_PORT);
    provider.put("contractId", contract.product().value());
    provider.put("contractVersion", latest.map(v -> v.number() + ".0.0").orElse("0.0.0"));
    ObjectNode consumer = document.putObject("consumer");
    consumer.put("user", contract.consumer().user());
    contract.consumer().application().ifPresent(app -> consumer.put("application", app));
    consumer.put("entity", contract.consumer().entity());
    document.put("purpose", contract.purpose().description());
    document.put("startDate", contract.terms().start().toString());
    document.put("endDate", contract.terms().end().toString());
    ArrayNode custom = document.putArray("customProperties");
    property(custom, "purposeCategory", contract.purpose().category().name());
    property(custom, "legalBasis", contract.purpose().legalBasis().name());
    property(custom, "businessValue", contract.purpose().businessValue());
    property(custom, "usageReferent", contract.purpose().usageReferent());
    property(custom, "reviewPeriod", contract.terms().reviewPeriod().toString());
    property(custom, "rowScope", contract.rowScope());
    ObjectNode columns = custom.addObject();
    columns.put("property", "columns");
    ArrayNode values = columns.putArray("value");
    for (ColumnGrant grant : contract.grants()) {
      values.addObject().put("column", grant.column()).put("masking", grant.masking().name());
    }
    ObjectNode approvals = custom.addObject();
    approvals.put("property", "approvals");
    ArrayNode decisions = approvals.putArray("value");
    for (Decision decision : contract.decisions()) {
      decisions
          .addObject()
          .put("role", decision.role().name())
          .put("approver", decision.approver())
          .put("verdict", decision.verdict().name())
          .put("decidedAt", decision.decidedAt().toString());
    }
    contract.renewalOf().ifPresent(id -> property(custom, "renewalOf", id.value()));
    try {
      return yaml.writeValueAsString(document);
    } catch (IOException e) {
      throw new ComptoirException(ErrorCode.INTERNAL, "cannot write YAML", e);
    }
  }

  private static void property(ArrayNode custom, String name, String value) {
    custom.addObject().put("property", name).put("value", value);
  }
}

package io.comptoir.odcs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.ingest.Version;
import io.comptoir.quality.QualityRules;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A product's data contract as an Open Data Contract Standard v3.1.0 document (YAML), and back.
 * Everything ODCS has no field for (legal entity, classification, source system, personal-data
 * category of a column) goes into {@code customProperties}, since the schema refuses unknown keys.
 */
public final class OdcsDocuments {
  static final String API_VERSION = "v3.1.0";
  private static final String SCHEMA = "odcs-json-schema-v3.1.0.json";
  private static final int MAX_DOCUMENT_BYTES = 1 << 20;

  private final ObjectMapper yaml;
  private final JsonSchema schema;
  private final OdcsQuality quality;

  public OdcsDocuments() {
    this.yaml =
        new ObjectMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build());
    this.quality = new OdcsQuality(yaml);
    try (InputStream in = OdcsDocuments.class.getResourceAsStream(SCHEMA)) {
      requireNonNull(in, "ODCS schema resource is missing");
      this.schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909)
              .getSchema(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new ComptoirException(ErrorCode.INTERNAL, "cannot load the ODCS schema", e);
    }
  }

  /** The ODCS document of a product, as YAML; validated before it is returned. */
  public String export(DataProduct product, Optional<Version> latest) {
    return export(product, latest, QualityRules.NONE);
  }

  /**
   * The ODCS document of a product with its quality rules (the {@code quality} of its schema) and
   * freshness SLA ({@code slaProperties}), as YAML; validated before it is returned.
   */
  public String export(DataProduct product, Optional<Version> latest, QualityRules rules) {
    ObjectNode document = toDocument(product, latest);
    quality.write(document, (ObjectNode) document.get("schema").get(0), rules);
    List<String> problems = validate(document);
    if (!problems.isEmpty()) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "the ODCS export of " + product.id() + " is invalid: " + problems);
    }
    try {
      return yaml.writeValueAsString(document);
    } catch (IOException e) {
      throw new ComptoirException(ErrorCode.INTERNAL, "cannot write YAML", e);
    }
  }

  /** The schema problems of a product's ODCS document; empty when it is valid. */
  public List<String> problems(DataProduct product, Optional<Version> latest) {
    return validate(toDocument(product, latest));
  }

  ObjectNode toDocument(DataProduct product, Optional<Version> latest) {
    ObjectNode document = yaml.createObjectNode();
    document.put("apiVersion", API_VERSION);
    document.put("kind", "DataContract");
    document.put("id", product.id().value());
    document.put("name", product.title());
    document.put("version", latest.map(v -> v.number() + ".0.0").orElse("0.0.0"));
    document.put("status", latest.isPresent() ? "active" : "draft");
    document.put("domain", product.domain());
    document.put("tenant", product.entity());
    ObjectNode description = document.putObject("description");
    description.put("purpose", product.description());
    if (!product.tags().isEmpty()) {
      ArrayNode tags = document.putArray("tags");
      product.tags().forEach(tags::add);
    }
    ObjectNode team = document.putObject("team");
    team.put("name", product.id().value());
    ArrayNode members = team.putArray("members");
    members.addObject().put("username", product.owner()).put("role", "owner");
    if (!product.steward().isEmpty()) {
      members.addObject().put("username", product.steward()).put("role", "steward");
    }
    ObjectNode object = document.putArray("schema").addObject();
    object.put("name", product.id().value());
    object.put("physicalName", product.id().value());
    object.put("physicalType", "table");
    object.put("businessName", product.title());
    object.put("logicalType", "object");
    ArrayNode properties = object.putArray("properties");
    for (Column column : product.columns()) {
      ObjectNode property = properties.addObject();
      property.put("name", column.name());
      property.put("logicalType", logicalType(column.type()));
      property.put("physicalType", physicalType(column.type()));
      if (!column.description().isEmpty()) {
        property.put("description", column.description());
      }
      if (!column.format().isEmpty()) {
        property.putObject("logicalTypeOptions").put("format", column.format());
      }
      ArrayNode custom = property.putArray("customProperties");
      custom
          .addObject()
          .put("property", "personalDataCategory")
          .put("value", column.personalData().name());
    }
    ArrayNode custom = document.putArray("customProperties");
    custom
        .addObject()
        .put("property", "classification")
        .put("value", product.classification().name());
    custom.addObject().put("property", "legalEntity").put("value", product.entity());
    if (!product.sourceSystem().isEmpty()) {
      custom.addObject().put("property", "sourceSystem").put("value", product.sourceSystem());
    }
    document.put("contractCreatedTs", product.createdAt().toString());
    return document;
  }

  /**
   * The quality rules and freshness SLA of an ODCS document, empty when it has neither (see {@link
   * OdcsQuality}). Call after {@link #read}, which validates the document.
   */
  public Optional<QualityRules> readQuality(byte[] text) {
    try {
      return quality.read(yaml.readTree(text));
    } catch (IOException e) {
      throw ComptoirException.invalidInput("the ODCS document is not valid YAML: %s", firstLine(e));
    }
  }

  /**
   * Reads an ODCS document into a product: description, columns and classification. The document is
   * validated against the ODCS schema first; its {@code id} must be the product id.
   */
  public DataProduct read(ProductId id, byte[] text, Instant now) {
    if (text.length > MAX_DOCUMENT_BYTES) {
      throw ComptoirException.invalidInput(
          "an ODCS document is at most %d bytes, got %d", MAX_DOCUMENT_BYTES, text.length);
    }
    JsonNode document;
    try {
      document = yaml.readTree(text);
    } catch (IOException e) {
      throw ComptoirException.invalidInput("the ODCS document is not valid YAML: %s", firstLine(e));
    }
    if (document == null || !document.isObject()) {
      throw ComptoirException.invalidInput("the ODCS document must be a YAML mapping");
    }
    List<String> problems = validate(document);
    if (!problems.isEmpty()) {
      throw ComptoirException.invalidInput(
          "the document does not validate against ODCS %s: %s", API_VERSION, problems);
    }
    if (!id.value().equals(document.path("id").asText())) {
      throw ComptoirException.invalidInput(
          "the document's id '%s' is not the product id '%s'", document.path("id").asText(), id);
    }
    JsonNode object = document.path("schema").path(0);
    if (document.path("schema").size() > 1) {
      throw ComptoirException.invalidInput(
          "a product has one table: the document's schema lists %d objects",
          document.path("schema").size());
    }
    List<Column> columns = new ArrayList<>();
    for (JsonNode property : object.path("properties")) {
      columns.add(column(property));
    }
    String entity =
        custom(document, "legalEntity").orElseGet(() -> document.path("tenant").asText(""));
    return new DataProduct(
        id,
        text(document, "name").orElse(id.value()),
        document.path("description").path("purpose").asText(""),
        entity,
        text(document, "domain").orElse(""),
        member(document, "owner")
            .orElseThrow(
                () ->
                    ComptoirException.invalidInput(
                        "the document's team has no member with role owner")),
        member(document, "steward").orElse(""),
        custom(document, "sourceSystem").orElse(""),
        classification(custom(document, "classification").orElse("INTERNAL")),
        strings(document.path("tags")),
        columns,
        now,
        now);
  }

  private static Column column(JsonNode property) {
    String name = property.path("name").asText();
    String physical = property.path("physicalType").asText("");
    DataType type;
    if (!physical.isEmpty()) {
      type = DataType.parse(physical);
    } else {
      type =
          switch (property.path("logicalType").asText("string")) {
            case "integer" -> DataType.INTEGER;
            case "number" -> DataType.DOUBLE;
            case "boolean" -> DataType.BOOLEAN;
            case "date" -> DataType.DATE;
            case "timestamp" -> DataType.TIMESTAMP;
            default -> DataType.STRING;
          };
    }
    String category = "NONE";
    for (JsonNode custom : property.path("customProperties")) {
      if ("personalDataCategory".equals(custom.path("property").asText())) {
        category = custom.path("value").asText();
      }
    }
    PersonalDataCategory personalData;
    try {
      personalData = PersonalDataCategory.valueOf(category.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ComptoirException.invalidInput(
          "column '%s': personalDataCategory must be one of NONE, IDENTIFIER, QUASI_IDENTIFIER,"
              + " SENSITIVE, got '%s'",
          name, category);
    }
    return new Column(
        name,
        type,
        property.path("description").asText(""),
        personalData,
        property.path("logicalTypeOptions").path("format").asText(""));
  }

  private static Classification classification(String value) {
    try {
      return Classification.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ComptoirException.invalidInput(
          "classification must be one of PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED, got '%s'",
          value);
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank()
        ? Optional.of(value.asText())
        : Optional.empty();
  }

  private static Optional<String> custom(JsonNode document, String property) {
    for (JsonNode custom : document.path("customProperties")) {
      if (property.equals(custom.path("property").asText())) {
        return Optional.of(custom.path("value").asText());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> member(JsonNode document, String role) {
    for (JsonNode member : document.path("team").path("members")) {
      if (role.equalsIgnoreCase(member.path("role").asText())) {
        return Optional.of(member.path("username").asText());
      }
    }
    return Optional.empty();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  List<String> validate(JsonNode document) {
    Set<ValidationMessage> messages = schema.validate(document);
    Set<String> sorted = new TreeSet<>();
    messages.forEach(message -> sorted.add(message.getMessage()));
    return List.copyOf(sorted);
  }

  static String logicalType(DataType type) {
    return switch (type.kind()) {
      case STRING -> "string";
      case INTEGER -> "integer";
      case DOUBLE, DECIMAL -> "number";
      case BOOLEAN -> "boolean";
      case DATE -> "date";
      case TIMESTAMP -> "timestamp";
    };
  }

  static String physicalType(DataType type) {
    return type.toString();
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}

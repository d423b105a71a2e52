package io.comptoir.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.comptoir.common.ComptoirException;
import io.comptoir.quality.QualityRule;
import io.comptoir.quality.QualityRules;
import io.comptoir.quality.RuleType;
import io.comptoir.quality.Severity;
import io.comptoir.qualityfile.YamlQualityRules;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Comptoir quality rules in an ODCS document: each rule becomes an ODCS {@code quality} item (on
 * its column's property when it has one column, on the schema object otherwise) of the closest ODCS
 * kind — library metrics {@code nullValues}, {@code duplicateValues}, {@code invalidValues}; a
 * {@code sql} count that must be 0; or {@code custom} with engine {@code comptoir} — and keeps the
 * whole rule in its {@code comptoirRule} custom property, so that reading it back loses nothing.
 * The freshness SLA goes to {@code slaProperties} ({@code freshness}, value and unit).
 */
final class OdcsQuality {
  static final String RULE_PROPERTY = "comptoirRule";

  /** The rule's position in the Comptoir document, so that reading back keeps the order. */
  static final String POSITION_PROPERTY = "comptoirRulePosition";

  static final String ENGINE = "comptoir";

  private final ObjectMapper mapper;
  private final YamlQualityRules format = new YamlQualityRules();

  OdcsQuality(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Adds the rules to the document's schema object and the SLA to its slaProperties. */
  void write(ObjectNode document, ObjectNode object, QualityRules rules) {
    int position = 0;
    for (QualityRule rule : rules.rules()) {
      ObjectNode target = object;
      if (rule.columns().size() == 1) {
        for (JsonNode property : object.path("properties")) {
          if (rule.column().equals(property.path("name").asText())) {
            target = (ObjectNode) property;
          }
        }
      }
      ArrayNode quality =
          target.has("quality") ? (ArrayNode) target.get("quality") : target.putArray("quality");
      quality.add(item(rule, position++));
    }
    rules
        .freshness()
        .ifPresent(
            age -> {
              ObjectNode sla = document.putArray("slaProperties").addObject();
              sla.put("property", "freshness");
              long minutes = age.toMinutes();
              if (minutes % (24 * 60) == 0) {
                sla.put("value", minutes / (24 * 60)).put("unit", "d");
              } else if (minutes % 60 == 0) {
                sla.put("value", minutes / 60).put("unit", "h");
              } else {
                sla.put("value", Math.max(1, minutes)).put("unit", "m");
              }
              sla.put("element", object.path("name").asText());
              sla.put("description", "maximum age of the latest version (" + age + ")");
            });
  }

  private ObjectNode item(QualityRule rule, int position) {
    ObjectNode item = mapper.createObjectNode();
    item.put("name", rule.name());
    if (!rule.description().isEmpty()) {
      item.put("description", rule.description());
    }
    item.put("dimension", rule.type().dimension());
    item.put("severity", rule.severity() == Severity.ERROR ? "error" : "warning");
    String column = rule.columns().isEmpty() ? "" : quote(rule.column());
    switch (rule.type()) {
      case NOT_NULL -> library(item, "nullValues");
      case UNIQUE -> {
        library(item, "duplicateValues");
        if (rule.columns().size() > 1) {
          ArrayNode properties = item.putObject("arguments").putArray("properties");
          rule.columns().forEach(properties::add);
        }
      }
      case REGEX -> {
        library(item, "invalidValues");
        item.putObject("arguments").put("pattern", rule.pattern());
      }
      case ALLOWED_VALUES -> {
        library(item, "invalidValues");
        ArrayNode values = item.putObject("arguments").putArray("validValues");
        rule.values().forEach(values::add);
      }
      case RANGE -> {
        List<String> parts = new ArrayList<>();
        rule.min().ifPresent(min -> parts.add(column + " < " + min.toPlainString()));
        rule.max().ifPresent(max -> parts.add(column + " > " + max.toPlainString()));
        sql(item, String.join(" OR ", parts));
      }
      case CUSTOM_SQL -> sql(item, "NOT (" + rule.condition() + ")");
      case REFERENCE, ROW_COUNT_CHANGE, FRESHNESS -> {
        item.put("type", "custom");
        item.put("engine", ENGINE);
        item.put("implementation", rule.type().code());
      }
    }
    ArrayNode customProperties = item.putArray("customProperties");
    ObjectNode custom = customProperties.addObject();
    custom.put("property", RULE_PROPERTY);
    custom.set("value", mapper.valueToTree(ruleMap(rule)));
    customProperties.addObject().put("property", POSITION_PROPERTY).put("value", position);
    return item;
  }

  private static void library(ObjectNode item, String metric) {
    item.put("type", "library");
    item.put("metric", metric);
    item.put("mustBe", 0);
    item.put("unit", "rows");
  }

  private static void sql(ObjectNode item, String failing) {
    item.put("type", "sql");
    item.put("query", "SELECT COUNT(*) FROM ${object} WHERE " + failing);
    item.put("mustBe", 0);
    item.put("unit", "rows");
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** The rule as in the YAML document. */
  private Map<String, Object> ruleMap(QualityRule rule) {
    String yaml = format.write(new QualityRules(List.of(rule), Optional.empty()));
    try {
      JsonNode document =
          new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml);
      @SuppressWarnings("unchecked")
      Map<String, Object> map = mapper.convertValue(document.path("rules").get(0), Map.class);
      return map;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the YAML just written", e);
    }
  }

  /**
   * The rules of a document: those written by Comptoir from their {@code comptoirRule} property;
   * foreign library items ({@code nullValues}, {@code duplicateValues}, {@code invalidValues} with
   * {@code validValues} or {@code pattern}) on a column are read as the matching rule; other
   * foreign items are skipped. Empty when the document has neither quality items nor freshness SLA.
   */
  Optional<QualityRules> read(JsonNode document) {
    JsonNode object = document.path("schema").path(0);
    List<JsonNode> rules = new ArrayList<>();
    int foreign = 0;
    for (JsonNode item : object.path("quality")) {
      foreign = add(rules, item, List.of(), foreign);
    }
    for (JsonNode property : object.path("properties")) {
      for (JsonNode item : property.path("quality")) {
        foreign = add(rules, item, List.of(property.path("name").asText()), foreign);
      }
    }
    Optional<Duration> freshness = Optional.empty();
    for (JsonNode sla : document.path("slaProperties")) {
      if ("freshness".equals(sla.path("property").asText())) {
        freshness = Optional.of(duration(sla));
      }
    }
    if (rules.isEmpty() && freshness.isEmpty()) {
      return Optional.empty();
    }
    // Comptoir's rules in their written order (foreign items, without position, after them)
    List<JsonNode> ordered = new ArrayList<>(rules);
    ordered.sort(
        java.util.Comparator.comparingInt(
            rule -> rule.path(POSITION_PROPERTY).asInt(Integer.MAX_VALUE)));
    ArrayNode list = mapper.createArrayNode();
    for (JsonNode rule : ordered) {
      ObjectNode copy = rule.deepCopy();
      copy.remove(POSITION_PROPERTY);
      list.add(copy);
    }
    ObjectNode yaml = mapper.createObjectNode();
    freshness.ifPresent(age -> yaml.putObject("freshness").put("maxAge", age.toString()));
    yaml.set("rules", list);
    try {
      return Optional.of(format.parse(mapper.writeValueAsString(yaml)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (ComptoirException e) {
      throw ComptoirException.invalidInput(
          "the document's quality section is not valid: %s", e.getMessage());
    }
  }

  private int add(List<JsonNode> rules, JsonNode item, List<String> columns, int foreign) {
    JsonNode position = null;
    for (JsonNode custom : item.path("customProperties")) {
      if (POSITION_PROPERTY.equals(custom.path("property").asText())
          && custom.path("value").canConvertToInt()) {
        position = custom.path("value");
      }
    }
    for (JsonNode custom : item.path("customProperties")) {
      if (RULE_PROPERTY.equals(custom.path("property").asText())
          && custom.path("value").isObject()) {
        ObjectNode rule = custom.path("value").deepCopy();
        if (position != null) {
          rule.set(POSITION_PROPERTY, position);
        }
        rules.add(rule);
        return foreign;
      }
    }
    if (!"library".equals(item.path("type").asText("library")) || columns.isEmpty()) {
      return foreign;
    }
    ObjectNode rule = mapper.createObjectNode();
    String name = item.path("name").asText("");
    rule.put("name", name.isEmpty() ? "odcs-" + (foreign + 1) : name);
    rule.put("column", columns.get(0));
    rule.put(
        "severity",
        item.path("severity").asText("").toLowerCase(Locale.ROOT).startsWith("err")
            ? "error"
            : "warn");
    String metric = item.path("metric").asText(item.path("rule").asText(""));
    JsonNode arguments = item.path("arguments");
    switch (metric) {
      case "nullValues" -> rule.put("type", RuleType.NOT_NULL.code());
      case "duplicateValues" -> rule.put("type", RuleType.UNIQUE.code());
      case "invalidValues" -> {
        if (arguments.path("validValues").isArray()) {
          rule.put("type", RuleType.ALLOWED_VALUES.code());
          ArrayNode values = rule.putArray("values");
          arguments.path("validValues").forEach(v -> values.add(v.asText()));
        } else if (arguments.path("pattern").isTextual()) {
          rule.put("type", RuleType.REGEX.code());
          rule.put("pattern", arguments.path("pattern").asText());
        } else {
          return foreign;
        }
      }
      default -> {
        return foreign;
      }
    }
    if (item.path("description").isTextual()) {
      rule.put("description", item.path("description").asText());
    }
    rules.add(rule);
    return foreign + 1;
  }

  private static Duration duration(JsonNode sla) {
    JsonNode value = sla.path("value");
    if (value.isTextual()) {
      try {
        return Duration.parse(value.asText());
      } catch (RuntimeException e) {
        throw ComptoirException.invalidInput(
            "slaProperties freshness: value '%s' is not a duration", value.asText());
      }
    }
    if (!value.isNumber() || value.asLong() <= 0) {
      throw ComptoirException.invalidInput(
          "slaProperties freshness: value must be a positive number with a unit (m, h, d)");
    }
    long amount = value.asLong();
    return switch (sla.path("unit").asText("h").toLowerCase(Locale.ROOT)) {
      case "m", "min", "minute", "minutes" -> Duration.ofMinutes(amount);
      case "h", "hour", "hours" -> Duration.ofHours(amount);
      case "d", "day", "days" -> Duration.ofDays(amount);
      default ->
          throw ComptoirException.invalidInput(
              "slaProperties freshness: unit must be m, h or d, got '%s'",
              sla.path("unit").asText());
    };
  }
}

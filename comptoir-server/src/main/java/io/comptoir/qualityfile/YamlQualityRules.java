package io.comptoir.qualityfile;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.quality.QualityRule;
import io.comptoir.quality.QualityRules;
import io.comptoir.quality.QualityRulesFormat;
import io.comptoir.quality.RuleType;
import io.comptoir.quality.Severity;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The YAML of a product's quality rules (see docs/quality.md). Every problem is reported with its
 * line and key ({@code line 4, rules[1].type: ...}), all of them at once.
 */
public final class YamlQualityRules implements QualityRulesFormat {
  static final int MAX_CHARS = 128 * 1024;
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(m|h|d)");
  private static final Set<String> RULE_KEYS =
      Set.of(
          "name",
          "type",
          "severity",
          "column",
          "columns",
          "min",
          "max",
          "pattern",
          "values",
          "reference",
          "sql",
          "maxAge",
          "description");

  @Override
  public QualityRules parse(String document) {
    if (document == null || document.isBlank()) {
      return QualityRules.NONE;
    }
    if (document.length() > MAX_CHARS) {
      throw ComptoirException.invalidInput(
          "the quality rules have %d characters, more than the %d allowed",
          document.length(), MAX_CHARS);
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(0);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(10);
    options.setCodePointLimit(MAX_CHARS);
    Node root;
    try {
      root = new Yaml(new SafeConstructor(options)).compose(new StringReader(document));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw ComptoirException.invalidInput(
          "line %d: not valid YAML: %s",
          line, e.getProblem() == null ? e.getMessage() : e.getProblem());
    } catch (YAMLException e) {
      throw ComptoirException.invalidInput("not valid YAML: %s", e.getMessage());
    }
    if (root == null) {
      return QualityRules.NONE;
    }
    Problems problems = new Problems();
    if (!(root instanceof MappingNode mapping)) {
      throw ComptoirException.invalidInput(
          "line %d: the quality rules are a mapping with the keys freshness and rules", line(root));
    }
    Map<String, NodeTuple> top = entries(mapping, "", Set.of("freshness", "rules"), problems);
    Optional<Duration> freshness = Optional.empty();
    if (top.containsKey("freshness")) {
      Node node = top.get("freshness").getValueNode();
      if (node instanceof MappingNode fresh) {
        Map<String, NodeTuple> keys = entries(fresh, "freshness", Set.of("maxAge"), problems);
        if (!keys.containsKey("maxAge")) {
          problems.add(node, "freshness", "maxAge is required (PT24H, 24h, 2d...)");
        } else {
          freshness = duration(keys.get("maxAge").getValueNode(), "freshness.maxAge", problems);
        }
      } else {
        problems.add(node, "freshness", "a mapping with maxAge (freshness: {maxAge: PT24H})");
      }
    }
    List<QualityRule> rules = new ArrayList<>();
    if (top.containsKey("rules")) {
      Node node = top.get("rules").getValueNode();
      if (node instanceof SequenceNode sequence) {
        for (int i = 0; i < sequence.getValue().size(); i++) {
          rule(sequence.getValue().get(i), "rules[" + i + "]", problems).ifPresent(rules::add);
        }
      } else if (!isNull(node)) {
        problems.add(node, "rules", "a list of rules (- name: ..., type: ...)");
      }
    }
    if (freshness.isEmpty()) {
      for (QualityRule rule : rules) {
        if (rule.type() == RuleType.FRESHNESS && rule.maxAge().isEmpty()) {
          problems.add(
              root,
              "rules (" + rule.name() + ")",
              "freshness needs maxAge, or the product's freshness.maxAge");
        }
      }
    }
    problems.throwIfAny();
    try {
      return new QualityRules(rules, freshness);
    } catch (ComptoirException e) {
      throw ComptoirException.invalidInput("the quality rules are not valid: %s", e.getMessage());
    }
  }

  private Optional<QualityRule> rule(Node node, String path, Problems problems) {
    if (!(node instanceof MappingNode mapping)) {
      problems.add(node, path, "a rule is a mapping (name:, type:, column: ...)");
      return Optional.empty();
    }
    Map<String, NodeTuple> keys = entries(mapping, path, RULE_KEYS, problems);
    Optional<String> name = text(keys, "name", path, problems);
    Optional<String> typeText = text(keys, "type", path, problems);
    if (name.isEmpty()) {
      problems.add(node, path + ".name", "required");
    }
    if (typeText.isEmpty()) {
      problems.add(node, path + ".type", "required, one of " + typeCodes());
    }
    Optional<RuleType> type = typeText.flatMap(RuleType::fromCode);
    if (typeText.isPresent() && type.isEmpty()) {
      problems.add(
          keys.get("type").getValueNode(),
          path + ".type",
          "unknown type '" + typeText.get() + "', one of " + typeCodes());
    }
    Severity severity = Severity.ERROR;
    Optional<String> severityText = text(keys, "severity", path, problems);
    if (severityText.isPresent()) {
      switch (severityText.get()) {
        case "warn" -> severity = Severity.WARN;
        case "error" -> severity = Severity.ERROR;
        default ->
            problems.add(
                keys.get("severity").getValueNode(),
                path + ".severity",
                "warn or error, got '" + severityText.get() + "'");
      }
    }
    List<String> columns = new ArrayList<>();
    text(keys, "column", path, problems).ifPresent(columns::add);
    if (keys.containsKey("columns")) {
      if (keys.containsKey("column")) {
        problems.add(keys.get("columns").getKeyNode(), path, "give column or columns, not both");
      }
      columns.addAll(strings(keys.get("columns").getValueNode(), path + ".columns", problems));
    }
    Optional<BigDecimal> min = number(keys, "min", path, problems);
    Optional<BigDecimal> max = number(keys, "max", path, problems);
    String pattern = text(keys, "pattern", path, problems).orElse("");
    List<String> values =
        keys.containsKey("values")
            ? strings(keys.get("values").getValueNode(), path + ".values", problems)
            : List.of();
    Optional<QualityRule.Reference> reference = Optional.empty();
    if (keys.containsKey("reference")) {
      Node value = keys.get("reference").getValueNode();
      if (value instanceof MappingNode target) {
        Map<String, NodeTuple> ref =
            entries(target, path + ".reference", Set.of("product", "column"), problems);
        Optional<String> product = text(ref, "product", path + ".reference", problems);
        Optional<String> column = text(ref, "column", path + ".reference", problems);
        if (product.isEmpty() || column.isEmpty()) {
          problems.add(value, path + ".reference", "needs product and column");
        } else {
          try {
            reference =
                Optional.of(new QualityRule.Reference(ProductId.of(product.get()), column.get()));
          } catch (RuntimeException e) {
            problems.add(value, path + ".reference.product", e.getMessage());
          }
        }
      } else {
        problems.add(value, path + ".reference", "a mapping {product: ..., column: ...}");
      }
    }
    String sql = text(keys, "sql", path, problems).orElse("");
    Optional<Duration> maxAge =
        keys.containsKey("maxAge")
            ? duration(keys.get("maxAge").getValueNode(), path + ".maxAge", problems)
            : Optional.empty();
    String description = text(keys, "description", path, problems).orElse("");
    if (name.isEmpty() || type.isEmpty()) {
      return Optional.empty();
    }
    try {
      QualityRule rule =
          new QualityRule(
              name.get(),
              type.get(),
              severity,
              columns,
              min,
              max,
              pattern,
              values,
              reference,
              sql,
              maxAge,
              description);
      io.comptoir.quality.QualityService.checkShape(
          rule, new QualityRules(List.of(), Optional.of(Duration.ofDays(1))));
      return Optional.of(rule);
    } catch (ComptoirException e) {
      problems.add(node, path + " (" + name.get() + ")", e.getMessage());
      return Optional.empty();
    }
  }

  private static String typeCodes() {
    return Arrays.stream(RuleType.values()).map(RuleType::code).collect(Collectors.joining(", "));
  }

  private static Map<String, NodeTuple> entries(
      MappingNode mapping, String path, Set<String> allowed, Problems problems) {
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        problems.add(tuple.getKeyNode(), path, "keys must be plain words");
        continue;
      }
      String name = key.getValue();
      String where = path.isEmpty() ? name : path + "." + name;
      if (!allowed.contains(name)) {
        problems.add(key, where, "unknown key (known: " + new java.util.TreeSet<>(allowed) + ")");
        continue;
      }
      entries.put(name, tuple);
    }
    return entries;
  }

  private static Optional<String> text(
      Map<String, NodeTuple> keys, String key, String path, Problems problems) {
    NodeTuple tuple = keys.get(key);
    if (tuple == null) {
      return Optional.empty();
    }
    Node value = tuple.getValueNode();
    if (value instanceof ScalarNode scalar) {
      return isNull(scalar) ? Optional.empty() : Optional.of(scalar.getValue());
    }
    problems.add(value, path + "." + key, "a single value");
    return Optional.empty();
  }

  private static Optional<BigDecimal> number(
      Map<String, NodeTuple> keys, String key, String path, Problems problems) {
    return text(keys, key, path, problems)
        .flatMap(
            text -> {
              try {
                return Optional.of(new BigDecimal(text.strip()));
              } catch (NumberFormatException e) {
                problems.add(
                    keys.get(key).getValueNode(), path + "." + key, "a number, got '" + text + "'");
                return Optional.empty();
              }
            });
  }

  private static List<String> strings(Node node, String path, Problems problems) {
    if (node instanceof SequenceNode sequence) {
      List<String> values = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        if (item instanceof ScalarNode scalar && !isNull(scalar)) {
          values.add(scalar.getValue());
        } else {
          problems.add(item, path, "items are single values");
        }
      }
      return values;
    }
    problems.add(node, path, "a list ([a, b] or - a)");
    return List.of();
  }

  private static Optional<Duration> duration(Node node, String path, Problems problems) {
    if (!(node instanceof ScalarNode scalar) || isNull(scalar)) {
      problems.add(node, path, "a duration (PT24H, 24h, 2d, 30m)");
      return Optional.empty();
    }
    String text = scalar.getValue().strip();
    Matcher matcher = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
    Duration duration = null;
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      duration =
          switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
    } else {
      try {
        duration = Duration.parse(text);
      } catch (DateTimeParseException e) {
        problems.add(node, path, "a duration (PT24H, 24h, 2d, 30m), got '" + text + "'");
        return Optional.empty();
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      problems.add(node, path, "must be positive");
      return Optional.empty();
    }
    return Optional.of(duration);
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar
        && scalar.getTag().getValue().endsWith(":null")
        && (scalar.getValue().isEmpty()
            || scalar.getValue().equals("~")
            || scalar.getValue().equalsIgnoreCase("null"));
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** Problems of a whole document, each "line N, key: what is wrong". */
  private static final class Problems {
    private final Set<String> messages = new LinkedHashSet<>();

    void add(Node node, String path, String message) {
      messages.add("line " + line(node) + ", " + path + ": " + message);
    }

    void throwIfAny() {
      if (!messages.isEmpty()) {
        throw ComptoirException.invalidInput(
            "the quality rules are not valid: %s", String.join("; ", messages));
      }
    }
  }

  @Override
  public String write(QualityRules rules) {
    Map<String, Object> document = new LinkedHashMap<>();
    rules.freshness().ifPresent(age -> document.put("freshness", Map.of("maxAge", age.toString())));
    List<Object> list = new ArrayList<>();
    for (QualityRule rule : rules.rules()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("name", rule.name());
      item.put("type", rule.type().code());
      item.put("severity", rule.severity().code());
      if (rule.columns().size() == 1 && rule.type() != RuleType.UNIQUE) {
        item.put("column", rule.column());
      } else if (!rule.columns().isEmpty()) {
        item.put("columns", rule.columns());
      }
      rule.min().ifPresent(min -> item.put("min", plain(min)));
      rule.max().ifPresent(max -> item.put("max", plain(max)));
      if (!rule.pattern().isEmpty()) {
        item.put("pattern", rule.pattern());
      }
      if (!rule.values().isEmpty()) {
        item.put("values", rule.values());
      }
      rule.reference()
          .ifPresent(
              reference -> {
                Map<String, Object> target = new LinkedHashMap<>();
                target.put("product", reference.product().value());
                target.put("column", reference.column());
                item.put("reference", target);
              });
      if (!rule.condition().isEmpty()) {
        item.put("sql", rule.condition());
      }
      rule.maxAge().ifPresent(age -> item.put("maxAge", age.toString()));
      if (!rule.description().isEmpty()) {
        item.put("description", rule.description());
      }
      list.add(item);
    }
    document.put("rules", list);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(100);
    return new Yaml(new Representer(options), options).dump(document);
  }

  private static Object plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      return stripped.toBigInteger();
    }
    return stripped.doubleValue();
  }
}

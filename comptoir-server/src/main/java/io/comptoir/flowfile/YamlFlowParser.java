package io.comptoir.flowfile;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.comptoir.api.IngestOptions;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.flow.Alerts;
import io.comptoir.flow.Controls;
import io.comptoir.flow.FileDropSource;
import io.comptoir.flow.FlowDefinition;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowParser;
import io.comptoir.flow.FlowSource;
import io.comptoir.flow.FlowWriteMode;
import io.comptoir.flow.HttpSource;
import io.comptoir.flow.JdbcSource;
import io.comptoir.flow.KafkaSource;
import io.comptoir.flow.Pagination;
import io.comptoir.flow.Retries;
import io.comptoir.flow.Trigger;
import io.comptoir.flow.UploadSource;
import io.comptoir.flow.WriteSpec;
import io.comptoir.flowfile.Fields.Problems;
import io.comptoir.flowfile.YamlTree.Location;
import io.comptoir.flowfile.YamlTree.Mapping;
import io.comptoir.flowfile.YamlTree.Scalar;
import io.comptoir.flowfile.YamlTree.Sequence;
import io.comptoir.flowfile.YamlTree.Value;
import io.comptoir.ingest.SourceOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Flow documents in YAML (every key is documented in docs/ingestion.md). A template declares
 * parameters and uses them as {@code ${name}} in its values; a flow names a template, gives the
 * parameters, and may override any key of it. Errors list every problem found, each with its line
 * and key.
 */
public final class YamlFlowParser implements FlowParser {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_-]+)}");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final Set<String> TEMPLATE_ONLY = Set.of("kind", "id", "parameters");
  private static final CronParser CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  @Override
  public Parsed parse(String document, Function<FlowId, Optional<String>> templates) {
    return parse(document, templates, product -> List.of());
  }

  @Override
  public Parsed parse(
      String document,
      Function<FlowId, Optional<String>> templates,
      Function<ProductId, List<String>> productColumns) {
    Mapping root = YamlTree.parse(document, "");
    Problems problems = new Problems();
    Fields fields = new Fields(root, "", problems);
    String kind = fields.text("kind").orElse("flow").toLowerCase(Locale.ROOT);
    if (kind.equals("template")) {
      return template(root, problems);
    }
    if (!kind.equals("flow")) {
      problems.add(
          fields.locationOf("kind"), "kind", "must be flow or template, got '" + kind + "'");
      problems.throwIfAny();
    }
    Optional<String> templateName = fields.text("template");
    if (templateName.isEmpty()) {
      if (root.entries().containsKey("parameters")) {
        problems.add(
            fields.locationOf("parameters"), "parameters", "parameters need a template to fill");
      }
      FlowDefinition definition = definition(root, problems, productColumns);
      return new ParsedFlow(definition, dump(root, Set.of("kind")), Optional.empty());
    }
    FlowId templateId =
        fields
            .check("template", () -> FlowId.of(templateName.get()))
            .orElseGet(
                () -> {
                  problems.throwIfAny();
                  throw new IllegalStateException("unreachable");
                });
    String templateText =
        templates
            .apply(templateId)
            .orElseThrow(
                () ->
                    ComptoirException.invalidInput(
                        "%s, template: no template '%s': save it first (kind: template)",
                        fields.locationOf("template"), templateId));
    Mapping template = YamlTree.parse(templateText, templateId.value());
    Map<String, Optional<String>> declared = declaredParameters(template, new Problems());
    Map<String, String> given = new LinkedHashMap<>();
    fields
        .section("parameters")
        .ifPresent(
            section -> {
              Mapping mapping = (Mapping) root.entries().get("parameters");
              for (String name : mapping.entries().keySet()) {
                Optional<String> value = section.text(name);
                if (!declared.containsKey(name)) {
                  problems.add(
                      section.locationOf(name),
                      section.pathOf(name),
                      "template "
                          + templateId
                          + " has no such parameter (it has: "
                          + String.join(", ", declared.keySet())
                          + ")");
                } else {
                  given.put(name, value.orElse(""));
                }
              }
            });
    for (Map.Entry<String, Optional<String>> parameter : declared.entrySet()) {
      if (!given.containsKey(parameter.getKey())) {
        if (parameter.getValue().isPresent()) {
          given.put(parameter.getKey(), parameter.getValue().get());
        } else {
          problems.add(
              root.location(),
              "parameters." + parameter.getKey(),
              "missing: template " + templateId + " needs it");
        }
      }
    }
    problems.throwIfAny();
    Mapping filled = (Mapping) substitute(template, given);
    Map<String, Value> merged = new LinkedHashMap<>();
    filled
        .entries()
        .forEach(
            (key, value) -> {
              if (!TEMPLATE_ONLY.contains(key)) {
                merged.put(key, value);
              }
            });
    Map<String, Location> keys = new LinkedHashMap<>();
    filled
        .keys()
        .forEach(
            (key, location) -> {
              if (!TEMPLATE_ONLY.contains(key)) {
                keys.put(key, location);
              }
            });
    root.entries()
        .forEach(
            (key, value) -> {
              if (!Set.of("kind", "template", "parameters").contains(key)) {
                merged.put(key, merge(merged.get(key), value));
                keys.put(key, root.keys().get(key));
              }
            });
    Mapping resolved = new Mapping(merged, keys, root.location());
    FlowDefinition definition = definition(resolved, problems, productColumns);
    return new ParsedFlow(definition, dump(resolved, Set.of()), Optional.of(templateId));
  }

  @Override
  public FlowDefinition parseResolved(String resolved) {
    return definition(YamlTree.parse(resolved, ""), new Problems(), product -> List.of());
  }

  private ParsedTemplate template(Mapping root, Problems problems) {
    Fields fields = new Fields(root, "", problems);
    fields.skip("kind", "parameters");
    Optional<FlowId> id =
        fields.requiredText("id").flatMap(text -> fields.check("id", () -> FlowId.of(text)));
    Map<String, Optional<String>> declared = declaredParameters(root, problems);
    Set<String> used = new TreeSet<>();
    placeholders(root, used, problems, declared.keySet());
    for (String name : declared.keySet()) {
      if (!used.contains(name)) {
        problems.add(
            fields.locationOf("parameters"),
            "parameters." + name,
            "declared but never used as ${" + name + "}");
      }
    }
    problems.throwIfAny();
    return new ParsedTemplate(id.orElseThrow(), declared.keySet());
  }

  /** The parameters a template declares: name → default (empty when required). */
  private static Map<String, Optional<String>> declaredParameters(
      Mapping template, Problems problems) {
    Map<String, Optional<String>> declared = new LinkedHashMap<>();
    Value value = template.entries().get("parameters");
    if (value == null || (value instanceof Scalar scalar && scalar.text() == null)) {
      return declared;
    }
    if (value instanceof Sequence sequence) {
      for (Value item : sequence.items()) {
        if (item instanceof Scalar scalar && scalar.text() != null) {
          declare(declared, scalar.text().strip(), Optional.empty(), item.location(), problems);
        } else {
          problems.add(item.location(), "parameters", "expected parameter names");
        }
      }
    } else if (value instanceof Mapping mapping) {
      mapping
          .entries()
          .forEach(
              (name, item) -> {
                Optional<String> fallback =
                    item instanceof Scalar scalar
                        ? Optional.ofNullable(scalar.text())
                        : Optional.empty();
                if (!(item instanceof Scalar)) {
                  problems.add(
                      item.location(), "parameters." + name, "a default must be a single value");
                }
                declare(declared, name, fallback, item.location(), problems);
              });
    } else {
      problems.add(
          value.location(), "parameters", "expected a list of names or a mapping name: default");
    }
    return declared;
  }

  private static void declare(
      Map<String, Optional<String>> declared,
      String name,
      Optional<String> fallback,
      Location location,
      Problems problems) {
    if (!PARAMETER_NAME.matcher(name).matches() || name.startsWith("env")) {
      problems.add(
          location,
          "parameters." + name,
          "a parameter name is letters, digits, '_' or '-' and does not start with 'env'");
    } else {
      declared.put(name, fallback);
    }
  }

  private static void placeholders(
      Value value, Set<String> used, Problems problems, Set<String> declared) {
    if (value instanceof Scalar scalar && scalar.text() != null) {
      Matcher matcher = PLACEHOLDER.matcher(scalar.text());
      while (matcher.find()) {
        used.add(matcher.group(1));
        if (!declared.contains(matcher.group(1))) {
          problems.add(
              scalar.location(), "${" + matcher.group(1) + "}", "not a declared parameter");
        }
      }
    } else if (value instanceof Sequence sequence) {
      sequence.items().forEach(item -> placeholders(item, used, problems, declared));
    } else if (value instanceof Mapping mapping) {
      mapping
          .entries()
          .forEach(
              (key, item) -> {
                if (!key.equals("parameters")) {
                  placeholders(item, used, problems, declared);
                }
              });
    }
  }

  private static Value substitute(Value value, Map<String, String> parameters) {
    if (value instanceof Scalar scalar) {
      if (scalar.text() == null) {
        return scalar;
      }
      Matcher matcher = PLACEHOLDER.matcher(scalar.text());
      StringBuilder text = new StringBuilder();
      while (matcher.find()) {
        String replacement = parameters.getOrDefault(matcher.group(1), matcher.group());
        matcher.appendReplacement(text, Matcher.quoteReplacement(replacement));
      }
      matcher.appendTail(text);
      return new Scalar(text.toString(), scalar.location());
    }
    if (value instanceof Sequence sequence) {
      return new Sequence(
          sequence.items().stream().map(item -> substitute(item, parameters)).toList(),
          sequence.location());
    }
    Mapping mapping = (Mapping) value;
    Map<String, Value> entries = new LinkedHashMap<>();
    mapping.entries().forEach((key, item) -> entries.put(key, substitute(item, parameters)));
    return new Mapping(entries, mapping.keys(), mapping.location());
  }

  /** The flow's value over the template's: mappings merge key by key, anything else replaces. */
  private static Value merge(Value base, Value override) {
    if (base instanceof Mapping baseMapping && override instanceof Mapping overrideMapping) {
      Map<String, Value> entries = new LinkedHashMap<>(baseMapping.entries());
      Map<String, Location> keys = new LinkedHashMap<>(baseMapping.keys());
      overrideMapping
          .entries()
          .forEach(
              (key, value) -> {
                entries.put(key, merge(entries.get(key), value));
                keys.put(key, overrideMapping.keys().get(key));
              });
      return new Mapping(entries, keys, overrideMapping.location());
    }
    return override;
  }

  private static String dump(Mapping root, Set<String> without) {
    @SuppressWarnings("unchecked")
    Map<String, Object> plain = (Map<String, Object>) YamlTree.plain(root);
    without.forEach(plain::remove);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setWidth(120);
    return new Yaml(options).dump(plain);
  }

  /** Reads and checks a whole flow; INVALID_INPUT listing every problem. */
  private FlowDefinition definition(
      Mapping root, Problems problems, Function<ProductId, List<String>> productColumns) {
    Fields fields = new Fields(root, "", problems);
    fields.skip("kind");
    Optional<FlowId> id =
        fields.requiredText("id").flatMap(text -> fields.check("id", () -> FlowId.of(text)));
    Optional<ProductId> product =
        fields
            .requiredText("product")
            .flatMap(text -> fields.check("product", () -> ProductId.of(text)));
    String description = fields.text("description").orElse("");
    Optional<FlowSource> source = Optional.empty();
    Optional<Fields> sourceFields = fields.section("source");
    if (sourceFields.isPresent()) {
      source = source(sourceFields.get());
    } else {
      problems.add(root.location(), "source", "missing (required): where the flow reads");
    }
    Optional<Fields> writeFields = fields.section("write");
    WriteSpec write =
        writeFields.flatMap(this::write).orElse(WriteSpec.of(FlowWriteMode.OVERWRITE));
    if (writeFields.isPresent() && product.isPresent() && !write.keys().isEmpty()) {
      List<String> columns = productColumns.apply(product.get());
      for (String key : write.keys()) {
        if (!columns.isEmpty() && !columns.contains(key)) {
          writeFields
              .get()
              .problem(
                  "keys",
                  "'"
                      + key
                      + "' is not a column of product "
                      + product.get()
                      + " (its columns: "
                      + String.join(", ", columns)
                      + ")");
        }
      }
    }
    Trigger trigger = fields.section("trigger").map(this::trigger).orElse(Trigger.manual());
    Controls controls =
        fields.section("controls").flatMap(this::controls).orElse(Controls.defaults());
    Retries retries = fields.section("retries").flatMap(this::retries).orElse(Retries.defaults());
    Alerts alerts = fields.section("alerts").flatMap(this::alerts).orElse(Alerts.none());
    fields.done();
    problems.throwIfAny();
    FlowSource checkedSource = source.orElseThrow();
    Optional<FlowDefinition> definition =
        fields.check(
            "",
            () ->
                new FlowDefinition(
                    id.orElseThrow(),
                    product.orElseThrow(),
                    description,
                    checkedSource,
                    write,
                    trigger,
                    controls,
                    retries,
                    alerts));
    problems.throwIfAny();
    return definition.orElseThrow();
  }

  private Optional<FlowSource> source(Fields source) {
    Optional<String> kind = source.requiredText("kind");
    if (kind.isEmpty()) {
      source.done();
      return Optional.empty();
    }
    Optional<FlowSource> result =
        switch (kind.get().toLowerCase(Locale.ROOT)) {
          case "file-drop" -> fileDrop(source);
          case "jdbc" -> jdbc(source);
          case "kafka" -> kafka(source);
          case "http" -> http(source);
          case "upload" -> uploadSource(source);
          default -> {
            source.skipAll();
            source.problem(
                "kind", "must be file-drop, jdbc, kafka, http or upload, got '" + kind.get() + "'");
            yield Optional.empty();
          }
        };
    source.done();
    return result;
  }

  private Optional<FlowSource> uploadSource(Fields source) {
    SourceOptions options = fileOptions(source);
    return Optional.of(new UploadSource(options));
  }

  private Optional<FlowSource> fileDrop(Fields source) {
    Optional<String> directory = source.requiredText("directory");
    String pattern = source.text("pattern").orElse("*");
    SourceOptions options = fileOptions(source);
    Optional<Duration> stable = source.duration("stable-for");
    Optional<String> marker = source.text("marker-suffix");
    if (directory.isEmpty()) {
      return Optional.empty();
    }
    return source.check(
        "",
        () -> new FileDropSource(directory.get(), pattern, options, stable.orElse(null), marker));
  }

  /** The format keys shared by file sources: format, delimiter, quote, header, encoding... */
  private static SourceOptions fileOptions(Fields source) {
    SourceOptions options = SourceOptions.defaults();
    Optional<SourceOptions> checked =
        source.check(
            "",
            () -> {
              SourceOptions read = SourceOptions.defaults();
              Optional<String> format = source.text("format");
              if (format.isPresent()) {
                read = read.withFormat(IngestOptions.parseFormat(format.get()));
              }
              Optional<String> delimiter = source.text("delimiter");
              if (delimiter.isPresent()) {
                read = read.withDelimiter(IngestOptions.parseDelimiter(delimiter.get()));
              }
              Optional<String> quote = source.text("quote");
              if (quote.isPresent()) {
                if (quote.get().length() != 1) {
                  throw ComptoirException.invalidInput(
                      "quote must be one character, got '%s'", quote.get());
                }
                read = read.withQuote(quote.get().charAt(0));
              }
              Optional<Boolean> header = source.bool("header");
              if (header.isPresent()) {
                read = read.withHeader(header.get());
              }
              Optional<String> encoding = source.text("encoding");
              if (encoding.isPresent()) {
                read = read.withEncoding(IngestOptions.parseEncoding(encoding.get()));
              }
              Optional<String> decimal = source.text("decimal-separator");
              if (decimal.isPresent()) {
                read =
                    read.withDecimalSeparator(IngestOptions.parseDecimalSeparator(decimal.get()));
              }
              return read;
            });
    return checked.orElse(options);
  }

  private Optional<FlowSource> jdbc(Fields source) {
    Optional<String> url = source.requiredText("url");
    String user = source.text("user").orElse("");
    Optional<String> password = source.text("password-env");
    Optional<String> table = source.text("table");
    Optional<String> query = source.text("query");
    Optional<String> watermark = source.text("watermark");
    int fetchSize = source.integer("fetch-size").orElse(1000);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    return source.check(
        "", () -> new JdbcSource(url.get(), user, password, table, query, watermark, fetchSize));
  }

  private Optional<FlowSource> kafka(Fields source) {
    Optional<String> servers = source.requiredText("bootstrap-servers");
    Optional<String> topic = source.requiredText("topic");
    int maxRecords = source.integer("max-records").orElse(10_000);
    Duration maxWait = source.duration("max-wait").orElse(Duration.ofSeconds(10));
    if (servers.isEmpty() || topic.isEmpty()) {
      return Optional.empty();
    }
    return source.check("", () -> new KafkaSource(servers.get(), topic.get(), maxRecords, maxWait));
  }

  private Optional<FlowSource> http(Fields source) {
    Optional<URI> url =
        source.requiredText("url").flatMap(text -> source.check("url", () -> uri(text)));
    String items = source.text("items").orElse("");
    Map<String, String> headers = source.textMap("headers");
    Pagination pagination =
        source
            .section("pagination")
            .flatMap(
                section -> {
                  Optional<String> kind = section.text("kind");
                  String parameter = section.text("parameter").orElse("");
                  String sizeParameter = section.text("size-parameter").orElse("");
                  int size = section.integer("size").orElse(100);
                  String next = section.text("next").orElse("");
                  section.done();
                  return section.check(
                      "",
                      () ->
                          new Pagination(
                              kind.map(Pagination.Kind::parse).orElse(Pagination.Kind.NONE),
                              parameter,
                              sizeParameter,
                              size,
                              next));
                })
            .orElse(Pagination.none());
    if (url.isEmpty()) {
      return Optional.empty();
    }
    return source.check("", () -> new HttpSource(url.get(), items, pagination, headers));
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw ComptoirException.invalidInput("not a URL: %s", e.getMessage());
    }
  }

  private Optional<WriteSpec> write(Fields write) {
    Optional<FlowWriteMode> mode =
        write.text("mode").flatMap(text -> write.check("mode", () -> FlowWriteMode.parse(text)));
    List<String> keys = write.texts("keys");
    write.done();
    return write.check("", () -> new WriteSpec(mode.orElse(FlowWriteMode.OVERWRITE), keys));
  }

  private Trigger trigger(Fields trigger) {
    Optional<String> cron = trigger.text("cron");
    cron.ifPresent(
        expression ->
            trigger.check(
                "cron",
                () -> {
                  try {
                    return CRON.parse(expression).validate();
                  } catch (IllegalArgumentException e) {
                    throw ComptoirException.invalidInput(
                        "not a cron expression of 5 fields (minute hour day month weekday): %s",
                        e.getMessage());
                  }
                }));
    boolean fileArrival = trigger.bool("file-arrival").orElse(false);
    trigger.done();
    return new Trigger(cron, fileArrival);
  }

  private Optional<Controls> controls(Fields controls) {
    Optional<Double> rate = controls.decimal("tolerated-reject-rate");
    Optional<Controls.SchemaDriftPolicy> drift =
        controls
            .text("schema-drift")
            .flatMap(
                text ->
                    controls.check("schema-drift", () -> Controls.SchemaDriftPolicy.parse(text)));
    controls.done();
    return controls.check("", () -> new Controls(rate, drift.orElse(null)));
  }

  private Optional<Retries> retries(Fields retries) {
    int max = retries.integer("max").orElse(Retries.defaults().max());
    Duration backoff = retries.duration("backoff").orElse(Retries.defaults().backoff());
    retries.done();
    return retries.check("", () -> new Retries(max, backoff));
  }

  private Optional<Alerts> alerts(Fields alerts) {
    Optional<URI> webhook =
        alerts.text("webhook").flatMap(text -> alerts.check("webhook", () -> uri(text)));
    alerts.done();
    return alerts.check("", () -> new Alerts(webhook));
  }
}

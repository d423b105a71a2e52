package io.comptoir.quality;

import static java.util.Objects.requireNonNull;

import io.comptoir.audit.AuditService;
import io.comptoir.catalog.CatalogRepository;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.MetadataChanges;
import io.comptoir.common.NotFoundException;
import io.comptoir.identity.Access;
import io.comptoir.identity.Principal;
import io.comptoir.ingest.DataEngine;
import io.comptoir.ingest.IngestionRepository;
import io.comptoir.ingest.Lake;
import io.comptoir.ingest.QualityCheckRequest;
import io.comptoir.ingest.QualityCheckResult;
import io.comptoir.ingest.QualityGate;
import io.comptoir.ingest.StagedData;
import io.comptoir.ingest.Version;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality rules of products: kept as the YAML their authors wrote, evaluated on every ingestion
 * (the {@link QualityGate}), with the results of each version stored and told to the other
 * capabilities ({@link QualityFacts}).
 */
public final class QualityService implements QualityFacts, QualityGate {
  private static final Logger log = LoggerFactory.getLogger(QualityService.class);

  /** The most versions a trend shows. */
  public static final int MAX_TREND = 100;

  private final QualityRepository repository;
  private final QualityRulesFormat format;
  private final CatalogRepository catalog;
  private final IngestionRepository versions;
  private final DataEngine engine;
  private final Lake lake;
  private final MetadataChanges changes;
  private final Clock clock;
  private final AuditService audit;

  public QualityService(
      QualityRepository repository,
      QualityRulesFormat format,
      CatalogRepository catalog,
      IngestionRepository versions,
      DataEngine engine,
      Lake lake,
      MetadataChanges changes,
      AuditService audit,
      Clock clock) {
    this.audit = requireNonNull(audit, "audit is null");
    this.repository = requireNonNull(repository, "repository is null");
    this.format = requireNonNull(format, "format is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.versions = requireNonNull(versions, "versions is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.changes = requireNonNull(changes, "changes is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public QualityRulesFormat format() {
    return format;
  }

  /** The stored document of a product's rules, if it has one. */
  public Optional<StoredRules> stored(ProductId product) {
    return repository.findRules(product);
  }

  /** The rules of a product; none when it has no document. */
  public QualityRules rules(ProductId product) {
    return repository
        .findRules(product)
        .map(s -> format.parse(s.document()))
        .orElse(QualityRules.NONE);
  }

  /**
   * Saves a product's rules, by its owner or steward (or an administrator): the document is parsed,
   * checked against the product's columns and other products, then kept as written.
   */
  public StoredRules save(Principal principal, ProductId id, String document) {
    DataProduct product = loadProduct(id);
    Access.editProduct(principal, product);
    QualityRules rules = format.parse(requireNonNull(document, "document is null"));
    check(product, rules);
    StoredRules stored = new StoredRules(id, document, principal.name(), clock.instant());
    repository.saveRules(stored);
    audited(principal.name(), id, rules);
    changes.publish(MetadataChanges.Kind.QUALITY, id.value());
    return stored;
  }

  /**
   * Saves rules on the operator's behalf (the demo seeding), checked like {@link #save} but without
   * an access check: never reachable from the API or the pages.
   */
  public StoredRules install(ProductId id, String document, String by) {
    DataProduct product = loadProduct(id);
    QualityRules rules = format.parse(requireNonNull(document, "document is null"));
    check(product, rules);
    StoredRules stored = new StoredRules(id, document, by, clock.instant());
    repository.saveRules(stored);
    audited(by, id, rules);
    changes.publish(MetadataChanges.Kind.QUALITY, id.value());
    return stored;
  }

  /** The governance record of a change of rules: who, which product, which rules. */
  private void audited(String actor, ProductId id, QualityRules rules) {
    audit.record(
        actor,
        "QUALITY_RULES_SAVED",
        "product:" + id.value(),
        Map.of(
            "rules",
            String.join(",", rules.rules().stream().map(QualityRule::name).toList()),
            "count",
            Integer.toString(rules.rules().size())));
  }

  /** Saves rules written in code (ODCS import), checked like {@link #save}. */
  public StoredRules save(Principal principal, ProductId id, QualityRules rules) {
    return save(principal, id, format.write(rules));
  }

  /** INVALID_INPUT listing what in the rules does not fit the product. */
  public void check(DataProduct product, QualityRules rules) {
    List<String> problems = new ArrayList<>();
    List<Column> columns = product.columns();
    for (QualityRule rule : rules.rules()) {
      String where = "rule '" + rule.name() + "'";
      try {
        checkShape(rule, rules);
      } catch (ComptoirException e) {
        problems.add(where + ": " + e.getMessage());
        continue;
      }
      if (columns.isEmpty()) {
        continue; // never loaded: columns are checked when data arrives
      }
      for (String name : rule.columns()) {
        Optional<Column> column = columns.stream().filter(c -> c.name().equals(name)).findFirst();
        if (column.isEmpty()) {
          problems.add(
              where
                  + ": "
                  + name
                  + " is not a column of "
                  + product.id()
                  + " (columns: "
                  + columns.stream().map(Column::name).toList()
                  + ")");
          continue;
        }
        DataType.Kind kind = column.get().type().kind();
        if (rule.type() == RuleType.RANGE && !ordered(kind)) {
          problems.add(where + ": a range needs a number or date column, " + name + " is " + kind);
        }
        if (rule.type() == RuleType.FRESHNESS
            && kind != DataType.Kind.DATE
            && kind != DataType.Kind.TIMESTAMP) {
          problems.add(
              where + ": freshness needs a date or timestamp column, " + name + " is " + kind);
        }
      }
      if (rule.type() == RuleType.CUSTOM_SQL) {
        try {
          engine.validateCondition(rule.condition(), columns);
        } catch (ComptoirException e) {
          problems.add(where + ": " + e.getMessage());
        }
      }
      rule.reference()
          .ifPresent(
              reference -> {
                Optional<DataProduct> target = catalog.findProduct(reference.product());
                if (target.isEmpty()) {
                  problems.add(where + ": product " + reference.product() + " does not exist");
                } else if (!target.get().columns().isEmpty()
                    && target.get().columns().stream()
                        .noneMatch(c -> c.name().equals(reference.column()))) {
                  problems.add(
                      where
                          + ": "
                          + reference.column()
                          + " is not a column of "
                          + reference.product());
                }
              });
    }
    if (!problems.isEmpty()) {
      throw ComptoirException.invalidInput(
          "the quality rules do not fit %s: %s", product.id(), String.join("; ", problems));
    }
  }

  private static boolean ordered(DataType.Kind kind) {
    return kind == DataType.Kind.INTEGER
        || kind == DataType.Kind.DOUBLE
        || kind == DataType.Kind.DECIMAL
        || kind == DataType.Kind.DATE
        || kind == DataType.Kind.TIMESTAMP;
  }

  /** What each type needs, whatever the product; INVALID_INPUT saying what is missing. */
  public static void checkShape(QualityRule rule, QualityRules rules) {
    int columns = rule.columns().size();
    switch (rule.type()) {
      case UNIQUE -> require(columns >= 1, "unique needs one column or more");
      case ROW_COUNT_CHANGE -> {
        require(columns == 0, "row_count_change takes no column");
        require(
            rule.min().isPresent() || rule.max().isPresent(),
            "row_count_change needs min and/or max (change in percent)");
      }
      case CUSTOM_SQL -> {
        require(columns == 0, "custom_sql takes no column: name them in its sql");
        require(!rule.condition().isBlank(), "custom_sql needs sql");
      }
      default -> require(columns == 1, rule.type().code() + " needs exactly one column");
    }
    switch (rule.type()) {
      case RANGE ->
          require(rule.min().isPresent() || rule.max().isPresent(), "range needs min and/or max");
      case REGEX -> {
        require(!rule.pattern().isEmpty(), "regex needs a pattern");
        try {
          java.util.regex.Pattern.compile(rule.pattern());
        } catch (java.util.regex.PatternSyntaxException e) {
          throw ComptoirException.invalidInput(
              "pattern is not a valid regular expression: %s", e.getDescription());
        }
      }
      case ALLOWED_VALUES -> require(!rule.values().isEmpty(), "allowed_values needs values");
      case REFERENCE -> require(rule.reference().isPresent(), "reference needs product and column");
      case FRESHNESS ->
          require(
              rule.maxAge().isPresent() || rules.freshness().isPresent(),
              "freshness needs maxAge, or the product's freshness.maxAge");
      default -> {}
    }
    if (rule.min().isPresent() && rule.max().isPresent()) {
      require(rule.min().get().compareTo(rule.max().get()) <= 0, "min is above max");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw ComptoirException.invalidInput("%s", message);
    }
  }

  private DataProduct loadProduct(ProductId id) {
    return catalog.findProduct(id).orElseThrow(() -> new NotFoundException("product", id));
  }

  /** The results of the product's latest versions, newest first (at most {@link #MAX_TREND}). */
  public List<VersionResults> history(ProductId product, int limit) {
    return repository.listResults(product, Math.max(1, Math.min(limit, MAX_TREND)));
  }

  /** The product's freshness now: its SLA against the age of its latest version. */
  public Optional<Freshness> freshness(ProductId product) {
    Optional<Duration> sla = freshnessSla(product);
    if (sla.isEmpty()) {
      return Optional.empty();
    }
    Optional<Version> latest = versions.findLatestVersion(product);
    Instant now = clock.instant();
    return Optional.of(
        new Freshness(
            sla.get(),
            latest.map(Version::createdAt),
            latest.map(v -> Duration.between(v.createdAt(), now)),
            latest
                .map(v -> Duration.between(v.createdAt(), now).compareTo(sla.get()) <= 0)
                .orElse(false)));
  }

  /**
   * A product's freshness.
   *
   * @param fresh whether the latest version is at most {@code maxAge} old (false without version)
   */
  public record Freshness(
      Duration maxAge, Optional<Instant> latestVersionAt, Optional<Duration> age, boolean fresh) {}

  // QualityFacts

  @Override
  public Optional<QualityOutcome> latestOutcome(ProductId product) {
    return repository.listResults(product, 1).stream().findFirst().map(VersionResults::outcome);
  }

  @Override
  public Optional<Duration> freshnessSla(ProductId product) {
    try {
      return rules(product).freshness();
    } catch (ComptoirException e) {
      log.warn("the stored quality rules of {} do not parse: {}", product, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public List<RuleResult> results(ProductId product, int version) {
    return repository.findResults(product, version).map(VersionResults::results).orElse(List.of());
  }

  // QualityGate

  @Override
  public Checked checkRows(
      ProductId product,
      List<Column> columns,
      StagedData staged,
      Path staging,
      String filePrefix,
      Instant time) {
    QualityRules rules = rules(product);
    if (rules.rules().isEmpty()) {
      return QualityGate.NONE.checkRows(product, columns, staged, staging, filePrefix, time);
    }
    Set<String> present = columns.stream().map(Column::name).collect(Collectors.toSet());
    Map<String, RuleResult> missing = new LinkedHashMap<>();
    List<QualityRule> evaluated = new ArrayList<>();
    Map<String, List<Path>> references = new LinkedHashMap<>();
    for (QualityRule rule : rules.rules()) {
      List<String> absent = rule.columns().stream().filter(c -> !present.contains(c)).toList();
      if (!absent.isEmpty()) {
        missing.put(
            rule.name(),
            result(rule, false, 0, "column(s) " + absent + " not in this version: not evaluated"));
        continue;
      }
      if (rule.type().rowLevel() || rule.type() == RuleType.FRESHNESS) {
        evaluated.add(rule);
      }
      rule.reference()
          .ifPresent(
              reference ->
                  references.put(
                      rule.name(),
                      versions.findLatestVersion(reference.product()).stream()
                          .flatMap(v -> v.files().stream())
                          .map(f -> lake.resolve(f.path()))
                          .toList()));
    }
    QualityCheckResult checked =
        evaluated.isEmpty()
            ? new QualityCheckResult(staged, Map.of(), Map.of())
            : engine.checkQuality(
                new QualityCheckRequest(
                    staged, columns, evaluated, references, staging, filePrefix));
    return new Run(product, rules, checked, missing, time);
  }

  private static RuleResult result(QualityRule rule, boolean success, long rows, String message) {
    return new RuleResult(
        rule.name(),
        rule.type().code(),
        String.join(",", rule.columns()),
        rule.severity().code(),
        success,
        rows,
        message);
  }

  /** One ingestion's checks, between the gate's steps. */
  private final class Run implements Checked {
    private final ProductId product;
    private final QualityRules rules;
    private final QualityCheckResult checked;
    private final Map<String, RuleResult> missing;
    private final Instant time;
    private final Map<String, RuleResult> results = new LinkedHashMap<>();

    Run(
        ProductId product,
        QualityRules rules,
        QualityCheckResult checked,
        Map<String, RuleResult> missing,
        Instant time) {
      this.product = product;
      this.rules = rules;
      this.checked = checked;
      this.missing = missing;
      this.time = time;
    }

    @Override
    public StagedData staged() {
      return checked.staged();
    }

    @Override
    public void checkVersion(Optional<Version> previous, long rowCount) {
      results.clear();
      List<String> failed = new ArrayList<>();
      for (QualityRule rule : rules.rules()) {
        RuleResult result = missing.get(rule.name());
        if (result == null) {
          result =
              switch (rule.type()) {
                case ROW_COUNT_CHANGE -> rowCountChange(rule, previous, rowCount);
                case FRESHNESS -> freshness(rule);
                default -> rowLevel(rule);
              };
        }
        results.put(rule.name(), result);
        boolean rejectsVersion = !rule.type().rowLevel() || missing.containsKey(rule.name());
        if (!result.success() && rule.severity() == Severity.ERROR && rejectsVersion) {
          failed.add(
              "rule '" + rule.name() + "' (" + rule.type().code() + "): " + result.message());
        }
      }
      if (!failed.isEmpty()) {
        throw ComptoirException.invalidInput(
            "quality rules failed, no version created: %s", String.join("; ", failed));
      }
    }

    private RuleResult rowLevel(QualityRule rule) {
      long rows = checked.failingRows().getOrDefault(rule.name(), 0L);
      if (rows == 0) {
        return result(rule, true, 0, "every row passed");
      }
      return result(
          rule,
          false,
          rows,
          rows
              + (rows == 1 ? " row" : " rows")
              + " failed"
              + (rule.severity() == Severity.ERROR ? ", moved to the quarantine" : " (warning)"));
    }

    private RuleResult rowCountChange(QualityRule rule, Optional<Version> previous, long rows) {
      if (previous.isEmpty()) {
        return result(rule, true, 0, "first version: " + rows + " rows, nothing to compare");
      }
      long before = previous.get().rowCount();
      if (before == 0) {
        return result(rule, true, 0, "version " + previous.get().number() + " was empty");
      }
      BigDecimal change =
          BigDecimal.valueOf(rows - before)
              .multiply(BigDecimal.valueOf(100))
              .divide(BigDecimal.valueOf(before), 2, RoundingMode.HALF_EVEN);
      boolean ok =
          rule.min().map(min -> change.compareTo(min) >= 0).orElse(true)
              && rule.max().map(max -> change.compareTo(max) <= 0).orElse(true);
      String message =
          String.format(
              Locale.ROOT,
              "%d rows against %d in version %d: %s%s%% (allowed %s to %s%%)",
              rows,
              before,
              previous.get().number(),
              change.signum() > 0 ? "+" : "",
              change.toPlainString(),
              rule.min().map(BigDecimal::toPlainString).orElse("any"),
              rule.max().map(BigDecimal::toPlainString).orElse("any"));
      return result(rule, ok, 0, message);
    }

    private RuleResult freshness(QualityRule rule) {
      Duration maxAge = rule.maxAge().or(rules::freshness).orElseThrow();
      Instant newest = checked.newest().get(rule.name());
      if (newest == null) {
        return result(rule, false, 0, rule.column() + " holds no value");
      }
      Duration age = Duration.between(newest, time);
      boolean ok = age.compareTo(maxAge) <= 0;
      return result(
          rule,
          ok,
          0,
          "newest "
              + rule.column()
              + " is "
              + newest
              + ", "
              + (age.isNegative() ? "in the future" : age + " old")
              + " (at most "
              + maxAge
              + ")");
    }

    @Override
    public void record(int version) {
      try {
        repository.saveResults(
            product, new VersionResults(version, time, List.copyOf(results.values())));
        changes.publish(MetadataChanges.Kind.QUALITY, product.value());
      } catch (RuntimeException e) {
        log.warn(
            "cannot store the quality results of {} version {}: {}",
            product,
            version,
            e.getMessage());
      }
    }
  }
}

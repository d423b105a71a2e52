package io.comptoir.score;

import static java.util.Objects.requireNonNull;

import io.comptoir.audit.AuditService;
import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.MetadataChanges;
import io.comptoir.common.Page;
import io.comptoir.common.PageRequest;
import io.comptoir.glossary.GlossaryFacts;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.ingest.IngestionService;
import io.comptoir.ingest.Version;
import io.comptoir.quality.QualityFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Data scores and certifications. The score is recomputed when its inputs change (subscribe with
 * {@link #listen(MetadataChanges)}) and stored with its breakdown; a certification stays in force
 * until its expiry date or until the score falls below its level's floor, checked whenever it is
 * read and whenever the score changes, and the end is written once to the audit log.
 */
public final class StandingService implements StandingFacts {
  /** The actor of audit entries the service writes on its own (expiry, lapse). */
  public static final String SYSTEM = "system";

  private final CatalogService catalog;
  private final IngestionService ingestion;
  private final GlossaryFacts glossary;
  private final QualityFacts quality;
  private final ContractCheck contract;
  private final StandingRepository repository;
  private final AuditService audit;
  private final ScoreCalculator calculator;
  private final CertificationPolicy policy;
  private final Clock clock;
  private MetadataChanges changes = new MetadataChanges();
  private volatile Instant lastCheck;

  public StandingService(
      CatalogService catalog,
      IngestionService ingestion,
      GlossaryFacts glossary,
      QualityFacts quality,
      ContractCheck contract,
      StandingRepository repository,
      AuditService audit,
      ScoreCalculator calculator,
      CertificationPolicy policy,
      Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.ingestion = requireNonNull(ingestion, "ingestion is null");
    this.glossary = requireNonNull(glossary, "glossary is null");
    this.quality = requireNonNull(quality, "quality is null");
    this.contract = requireNonNull(contract, "contract is null");
    this.repository = requireNonNull(repository, "repository is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.calculator = requireNonNull(calculator, "calculator is null");
    this.policy = requireNonNull(policy, "policy is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Recomputes the score on PRODUCT, VERSION and QUALITY changes, and publishes STANDING on that
   * bus when a score or a certification changes.
   */
  public void listen(MetadataChanges bus) {
    this.changes = requireNonNull(bus, "bus is null");
    bus.subscribe(
        change -> {
          switch (change.kind()) {
            case PRODUCT, VERSION, QUALITY -> {
              if (!change.id().isEmpty()) {
                ProductId id = new ProductId(change.id());
                if (catalog.findProduct(id).isPresent()) {
                  recompute(id);
                }
              }
            }
            default -> {}
          }
        });
  }

  public CertificationPolicy policy() {
    return policy;
  }

  public ScoreWeights weights() {
    return calculator.weights();
  }

  /** Computes the product's score now, stores it when it changed, and checks its certification. */
  public DataScore recompute(ProductId id) {
    DataProduct product = catalog.loadProduct(id);
    Optional<Version> latest =
        ingestion.listVersions(id).stream().max(Comparator.comparingInt(Version::number));
    DataScore computed =
        calculator.compute(
            new ScoreCalculator.Facts(
                product,
                latest,
                glossary.columnTerms(id),
                quality.latestOutcome(id),
                quality.freshnessSla(id),
                contract.problems(product, latest),
                clock.instant()));
    boolean changed;
    synchronized (this) {
      Optional<DataScore> stored = repository.findScore(id);
      changed = stored.isEmpty() || !stored.get().sameAs(computed);
      if (changed) {
        repository.saveScore(computed);
      }
    }
    if (changed) {
      changes.publish(MetadataChanges.Kind.STANDING, id.value());
    }
    inForce(id, computed.score());
    return computed;
  }

  /**
   * The score with its breakdown, computed now (freshness changes with time alone) and stored when
   * it changed.
   */
  public DataScore breakdown(ProductId id) {
    return recompute(id);
  }

  /** Recomputes every product's score: at start, and for the freshness that time alone erodes. */
  public void recomputeAll() {
    int offset = 0;
    while (true) {
      Page<DataProduct> page =
          catalog.listProducts(
              new ProductQuery(
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  new PageRequest(offset, Page.MAX_LIMIT)));
      page.items().forEach(product -> recompute(product.id()));
      offset += page.items().size();
      if (page.items().isEmpty() || offset >= page.total()) {
        return;
      }
    }
  }

  @Override
  public OptionalInt score(ProductId product) {
    return repository
        .findScore(product)
        .map(s -> OptionalInt.of(s.score()))
        .orElse(OptionalInt.empty());
  }

  @Override
  public Optional<CertificationLevel> certification(ProductId product) {
    return inForce(product).map(Certification::level);
  }

  /** How long {@link #checkCertifications()} trusts its last check within one day. */
  public static final Duration CHECK_INTERVAL = Duration.ofHours(1);

  /**
   * Ends every certification whose expiry date has come, and those whose product's score, computed
   * now, fell below their level's floor (freshness erodes with time alone, without any change
   * published). Listings that show certifications stored elsewhere (the search index, sorted by the
   * stored score) call it before they read. It works at most once per {@link #CHECK_INTERVAL}, and
   * again as soon as the day changed, since expiry dates are days: a certification granted today
   * cannot expire before tomorrow.
   */
  public void checkCertifications() {
    Instant now = clock.instant();
    Instant last = lastCheck;
    if (last != null
        && !now.isBefore(last)
        && now.isBefore(last.plus(CHECK_INTERVAL))
        && LocalDate.ofInstant(now, ZoneOffset.UTC)
            .equals(LocalDate.ofInstant(last, ZoneOffset.UTC))) {
      return;
    }
    lastCheck = now;
    for (Certification certification : repository.inForce()) {
      if (catalog.findProduct(certification.product()).isPresent()) {
        recompute(certification.product());
      } else {
        inForce(certification.product());
      }
    }
  }

  /** The certification in force, after ending it if it expired or its score fell too low. */
  public Optional<Certification> inForce(ProductId product) {
    return inForce(product, score(product).orElse(0));
  }

  /**
   * Every score stored, with the certification in force of each product: two queries whatever the
   * number of products (the certifications in force are read at once, newest first).
   */
  public synchronized Map<ProductId, Standing> standings() {
    Map<ProductId, Certification> current = new HashMap<>();
    for (Certification certification : repository.inForce()) {
      current.putIfAbsent(certification.product(), certification);
    }
    Map<ProductId, Standing> standings = new LinkedHashMap<>();
    for (DataScore score : repository.listScores()) {
      standings.put(
          score.product(),
          new Standing(
              score,
              stillInForce(Optional.ofNullable(current.get(score.product())), score.score())));
    }
    return standings;
  }

  /** A product's score and certification in force. */
  public record Standing(DataScore score, Optional<Certification> certification) {}

  /** The product's certifications, newest first, for the history. */
  public List<Certification> history(ProductId product) {
    catalog.loadProduct(product);
    inForce(product);
    return repository.certifications(product);
  }

  private synchronized Optional<Certification> inForce(ProductId product, int score) {
    return stillInForce(
        repository.certifications(product).stream()
            .filter(c -> c.status() == CertificationStatus.IN_FORCE)
            .findFirst(),
        score);
  }

  /**
   * The certification stored as in force, unless it expired or the score fell below its floor, in
   * which case it is ended now; called holding this service's lock.
   */
  private Optional<Certification> stillInForce(Optional<Certification> current, int score) {
    if (current.isEmpty()) {
      return current;
    }
    Certification certification = current.get();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (!today.isBefore(certification.expiresOn())) {
      end(certification, CertificationStatus.EXPIRED, "expired on " + certification.expiresOn());
      return Optional.empty();
    }
    int floor = policy.floor(certification.level());
    if (score < floor) {
      end(
          certification,
          CertificationStatus.LAPSED,
          "score " + score + " fell below the " + certification.level() + " floor of " + floor);
      return Optional.empty();
    }
    return current;
  }

  private void end(Certification certification, CertificationStatus status, String reason) {
    repository.saveCertification(certification.ended(status, clock.instant(), reason));
    audit.record(
        SYSTEM,
        status == CertificationStatus.EXPIRED ? "CERTIFICATION_EXPIRED" : "CERTIFICATION_LAPSED",
        "product:" + certification.product().value(),
        Map.of(
            "certification", certification.id(),
            "level", certification.level().name(),
            "reason", reason));
    changes.publish(MetadataChanges.Kind.STANDING, certification.product().value());
  }

  /** A person's answer to a manual checklist item. */
  public record ManualAnswer(boolean ticked, String comment) {
    public ManualAnswer {
      comment = comment == null ? "" : comment.strip();
    }
  }

  /**
   * The checklist for a product: computed items from its current score, manual items from the
   * answers given (ticked and commented to be met).
   */
  public List<CheckAnswer> evaluate(DataScore score, Map<String, ManualAnswer> answers) {
    List<CheckAnswer> result = new ArrayList<>();
    for (ChecklistItem item : policy.checklist()) {
      if (item.computed()) {
        Criterion criterion = item.criterion().orElseThrow();
        int percent = score.criterion(criterion).map(CriterionScore::percent).orElse(0);
        result.add(
            new CheckAnswer(
                item.toString(),
                percent >= item.minimumPercent(),
                true,
                criterion.key() + " at " + percent + "%, needs " + item.minimumPercent() + "%"));
      } else {
        ManualAnswer answer = answers.getOrDefault(item.id(), new ManualAnswer(false, ""));
        result.add(
            new CheckAnswer(
                item.id(),
                answer.ticked() && !answer.comment().isEmpty(),
                false,
                answer.comment()));
      }
    }
    return result;
  }

  /**
   * Grants a certification: by the data office (or an admin), when the score reaches the level's
   * floor, every checklist item is met and the expiry date lies within the allowed duration. A
   * certification in force is superseded. Refused with CONFLICT listing every item not met.
   */
  public Certification grant(
      Principal principal,
      ProductId product,
      CertificationLevel level,
      Map<String, ManualAnswer> answers,
      LocalDate expiresOn) {
    requireNonNull(principal, "principal is null");
    if (!principal.isAdmin() && !principal.hasRole(Role.DATA_OFFICE)) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          principal.name() + " may not certify products: needs DATA_OFFICE or ADMIN");
    }
    requireNonNull(level, "level is null");
    requireNonNull(answers, "answers is null");
    for (String key : answers.keySet()) {
      if (policy.checklist().stream().noneMatch(i -> !i.computed() && i.id().equals(key))) {
        throw ComptoirException.invalidInput(
            "'%s' is not a manual item of the checklist %s", key, policy.checklist());
      }
    }
    if (expiresOn == null) {
      throw ComptoirException.invalidInput("expiresOn (a date, YYYY-MM-DD) is required");
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (!expiresOn.isAfter(today)) {
      throw ComptoirException.invalidInput(
          "expiresOn %s must be after today (%s)", expiresOn, today);
    }
    if (expiresOn.isAfter(today.plusMonths(policy.maxMonths()))) {
      throw ComptoirException.invalidInput(
          "expiresOn %s is more than %d months away", expiresOn, policy.maxMonths());
    }
    DataScore score = recompute(product);
    List<CheckAnswer> checklist = evaluate(score, answers);
    List<String> unmet = new ArrayList<>();
    int floor = policy.floor(level);
    if (score.score() < floor) {
      unmet.add("score " + score.score() + " is below the " + level + " floor of " + floor);
    }
    for (CheckAnswer answer : checklist) {
      if (!answer.met()) {
        unmet.add(
            answer.computed()
                ? answer.item() + " not met (" + answer.comment() + ")"
                : answer.item() + " must be ticked with a comment");
      }
    }
    if (!unmet.isEmpty()) {
      throw ComptoirException.conflict(
          "cannot certify %s %s: %s", product, level, String.join("; ", unmet));
    }
    synchronized (this) {
      inForce(product, score.score())
          .ifPresent(
              previous ->
                  repository.saveCertification(
                      previous.ended(
                          CertificationStatus.SUPERSEDED,
                          clock.instant(),
                          "superseded by a new " + level + " certification")));
      Certification granted =
          new Certification(
              UUID.randomUUID().toString(),
              product,
              level,
              score.score(),
              checklist,
              principal.name(),
              clock.instant(),
              expiresOn,
              CertificationStatus.IN_FORCE,
              Optional.empty(),
              "");
      repository.saveCertification(granted);
      Map<String, String> details = new LinkedHashMap<>();
      details.put("certification", granted.id());
      details.put("level", level.name());
      details.put("score", Integer.toString(score.score()));
      details.put("expiresOn", expiresOn.toString());
      for (CheckAnswer answer : checklist) {
        details.put("check." + answer.item(), answer.comment());
      }
      audit.record(
          principal.name(), "CERTIFICATION_GRANTED", "product:" + product.value(), details);
      changes.publish(MetadataChanges.Kind.STANDING, product.value());
      return granted;
    }
  }
}

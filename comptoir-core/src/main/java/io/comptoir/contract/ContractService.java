package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.CatalogRepository;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.NotFoundException;
import io.comptoir.common.ShortCache;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Access requests, committee decisions and the lifecycle of usage contracts. */
public final class ContractService {
  private static final Set<Masking> FULLY_MASKED = EnumSet.of(Masking.MASK_NULL, Masking.MASK);

  private final CatalogRepository catalog;
  private final ContractRepository contracts;
  private final SharingRepository sharingScopes;
  private final ProductSharing sharing;
  private final ApprovalRules rules;
  private final Period maximumDuration;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * The contracts of a product and the contracts' keys, as {@link #activeContractFor} reads them on
   * every governed read, for {@link #LOOKUP_LIFETIME}: emptied by every write of this service, so a
   * revoked, suspended or expired contract is refused on the very next read; another process's
   * writes are seen once the lifetime is over. Statuses and dates are still judged at each read.
   */
  private final ShortCache<ProductId, List<UsageContract>> byProduct =
      new ShortCache<>(LOOKUP_LIFETIME, 10_000);

  private final ShortCache<ContractId, Optional<ContractKey>> keys =
      new ShortCache<>(LOOKUP_LIFETIME, 10_000);

  /** How long the lookups of a governed read are reused by the reads that follow. */
  public static final java.time.Duration LOOKUP_LIFETIME = java.time.Duration.ofSeconds(1);

  public ContractService(
      CatalogRepository catalog,
      ContractRepository contracts,
      SharingRepository sharing,
      ApprovalRules rules,
      Period maximumDuration,
      Clock clock,
      SecureRandom random) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.contracts = requireNonNull(contracts, "contracts is null");
    this.sharingScopes = requireNonNull(sharing, "sharing is null");
    this.sharing = sharing.asProductSharing();
    this.rules = requireNonNull(rules, "rules is null");
    this.maximumDuration = requireNonNull(maximumDuration, "maximumDuration is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.random = requireNonNull(random, "random is null");
  }

  /** Checks a request, computes its committee, and stores it with a fresh contract key. */
  public UsageContract request(AccessRequestForm form) {
    DataProduct product =
        catalog
            .findProduct(form.product())
            .orElseThrow(() -> new NotFoundException("product", form.product()));
    if (sharing.staysInEntity(product.id()) && !product.entity().equals(form.consumer().entity())) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          "product "
              + product.id()
              + " stays in its entity "
              + product.entity()
              + ": consumers of "
              + form.consumer().entity()
              + " cannot request it");
    }
    form.terms().requireAtMost(maximumDuration);
    List<ColumnGrant> grants = grants(product, form.columns(), form.maskings());
    RowFilter scope = RowFilter.parse(form.rowScope());
    for (String column : scope.columns()) {
      column(product, column);
    }
    Set<ApproverRole> required =
        required(product, form.consumer().entity(), form.purpose().category(), grants);
    UsageContract contract =
        new UsageContract(
            ContractId.random(),
            product.id(),
            form.consumer(),
            form.purpose(),
            grants,
            scope.text(),
            form.terms(),
            required,
            List.of(),
            List.of(),
            ContractStatus.REQUESTED,
            clock.instant(),
            Optional.empty(),
            Optional.empty(),
            form.renewalOf());
    contracts.insert(contract, ContractKey.generate(random));
    changed();
    return contract;
  }

  /**
   * The committee a request with these facts would need, computed by the same rules as {@link
   * #request}: lets a requester see the approvers before sending. Columns and maskings are checked
   * as a request's are.
   *
   * @param maskings a masking per column where other than the default of its category
   */
  public Set<ApproverRole> requiredApprovers(
      ProductId productId,
      String consumerEntity,
      PurposeCategory purpose,
      List<String> columns,
      java.util.Map<String, Masking> maskings) {
    requireNonNull(purpose, "purpose is null");
    DataProduct product =
        catalog
            .findProduct(productId)
            .orElseThrow(() -> new NotFoundException("product", productId));
    return required(product, consumerEntity, purpose, grants(product, columns, maskings));
  }

  private Set<ApproverRole> required(
      DataProduct product,
      String consumerEntity,
      PurposeCategory purpose,
      List<ColumnGrant> grants) {
    boolean personalInClear = false;
    for (ColumnGrant grant : grants) {
      Column column = column(product, grant.column());
      if (column.personalData() != PersonalDataCategory.NONE
          && !FULLY_MASKED.contains(grant.masking())) {
        personalInClear = true;
      }
    }
    return rules.requiredApprovers(
        new ApprovalFacts(
            product.entity(),
            product.classification(),
            sharing.certified(product.id()),
            consumerEntity,
            purpose,
            personalInClear));
  }

  private static List<ColumnGrant> grants(
      DataProduct product, List<String> columns, java.util.Map<String, Masking> maskings) {
    if (columns.isEmpty()) {
      throw ComptoirException.invalidInput("a request needs at least one column");
    }
    for (String column : maskings.keySet()) {
      if (!columns.contains(column)) {
        throw ComptoirException.invalidInput(
            "a masking is given for column '%s', which is not requested", column);
      }
    }
    List<ColumnGrant> grants = new ArrayList<>();
    for (String name : new LinkedHashSet<>(columns)) {
      Column column = column(product, name);
      Masking masking = maskings.getOrDefault(name, Masking.defaultFor(column.personalData()));
      masking.requireApplicable(name, column.type());
      grants.add(ColumnGrant.of(name, masking));
    }
    return grants;
  }

  private static Column column(DataProduct product, String name) {
    return product.columns().stream()
        .filter(column -> column.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                ComptoirException.invalidInput(
                    "product %s has no column '%s'", product.id(), name));
  }

  /**
   * Records a committee decision. A rejection closes the request and destroys its key; the last
   * approval activates the contract.
   */
  public UsageContract decide(
      ContractId id, Decision decision, List<ColumnGrant> tightenedMaskings) {
    UsageContract contract = load(id);
    if (!tightenedMaskings.isEmpty()) {
      catalog
          .findProduct(contract.product())
          .ifPresent(
              product -> {
                for (ColumnGrant grant : tightenedMaskings) {
                  product.columns().stream()
                      .filter(column -> column.name().equals(grant.column()))
                      .findFirst()
                      .ifPresent(
                          column ->
                              grant.masking().requireApplicable(column.name(), column.type()));
                }
              });
    }
    UsageContract decided = contract.decide(decision, tightenedMaskings);
    contracts.update(decided);
    changed();
    if (decided.status() == ContractStatus.REJECTED) {
      contracts.destroyKey(id);
      changed();
    }
    return decided;
  }

  /** Ends a contract at once; the next read is refused. */
  public UsageContract revoke(ContractId id, String by, String reason) {
    UsageContract revoked = load(id).revoke(new Revocation(by, clock.instant(), reason));
    contracts.update(revoked);
    changed();
    contracts.destroyKey(id);
    changed();
    return revoked;
  }

  /** Records a periodic review; a suspended contract is active again. */
  public UsageContract review(ContractId id) {
    Instant now = clock.instant();
    UsageContract reviewed = load(id).review(now, now);
    contracts.update(reviewed);
    changed();
    return reviewed;
  }

  /** Asks for the same access for new dates: a new request, approved by the same rules. */
  public UsageContract renew(ContractId id, ContractTerms terms) {
    UsageContract current = load(id);
    ContractStatus status = current.statusAt(clock.instant());
    if (status == ContractStatus.REJECTED || status == ContractStatus.REVOKED) {
      throw ComptoirException.conflict("contract %s is %s: it cannot be renewed", id, status);
    }
    List<String> columns = current.grants().stream().map(ColumnGrant::column).toList();
    java.util.Map<String, Masking> maskings = new java.util.HashMap<>();
    current.grants().forEach(grant -> maskings.put(grant.column(), grant.masking()));
    return request(
        new AccessRequestForm(
            current.product(),
            current.consumer(),
            current.purpose(),
            columns,
            maskings,
            current.rowScope(),
            terms,
            Optional.of(id)));
  }

  public UsageContract load(ContractId id) {
    return contracts.find(id).orElseThrow(() -> new NotFoundException("contract", id));
  }

  /**
   * The contract under which {@code reader} may read the product now, with its key, or FORBIDDEN
   * naming why not: no contract, still under review, rejected, not started, expired, suspended or
   * revoked. Expiry is checked here, on every read; an expired contract's key is destroyed.
   */
  public ActiveContract activeContractFor(
      ProductId product, String reader, Optional<String> application) {
    Instant now = clock.instant();
    List<UsageContract> candidates =
        byProduct.get(product, contracts::listByProduct).stream()
            .filter(contract -> contract.consumer().isReader(reader, application))
            .sorted(Comparator.comparing(UsageContract::requestedAt).reversed())
            .toList();
    if (candidates.isEmpty()) {
      throw forbidden(
          "no usage contract for "
              + describe(reader, application)
              + " on product "
              + product
              + ": request access first");
    }
    for (UsageContract contract : candidates) {
      if (contract.statusAt(now) == ContractStatus.ACTIVE
          && contract.terms().startsAfter(now).isEmpty()) {
        ContractKey key =
            keys.get(contract.id(), contracts::findKey)
                .orElseThrow(() -> forbidden("the key of contract " + contract.id() + " is gone"));
        return new ActiveContract(contract, key);
      }
    }
    UsageContract latest = candidates.get(0);
    ContractStatus status = latest.statusAt(now);
    if (status == ContractStatus.EXPIRED && latest.status() != ContractStatus.EXPIRED) {
      contracts.update(
          new UsageContract(
              latest.id(),
              latest.product(),
              latest.consumer(),
              latest.purpose(),
              latest.grants(),
              latest.rowScope(),
              latest.terms(),
              latest.required(),
              latest.decisions(),
              latest.maskingChanges(),
              ContractStatus.EXPIRED,
              latest.requestedAt(),
              latest.lastReviewedAt(),
              latest.revocation(),
              latest.renewalOf()));
      contracts.destroyKey(latest.id());
      changed();
    }
    throw forbidden(reason(latest, status, now));
  }

  /** Forgets the cached lookups after a write of this service. */
  private void changed() {
    byProduct.invalidate();
    keys.invalidate();
  }

  private static String reason(UsageContract contract, ContractStatus status, Instant now) {
    String prefix = "contract " + contract.id() + " ";
    return switch (status) {
      case REQUESTED, IN_REVIEW ->
          prefix + "is awaiting approval by " + contract.pendingApprovers();
      case REJECTED ->
          prefix
              + "was rejected: "
              + contract.decisions().stream()
                  .filter(d -> d.verdict() == Verdict.REJECTED)
                  .map(d -> d.role() + " " + d.approver() + ": " + d.comment())
                  .findFirst()
                  .orElse("");
      case EXPIRED -> prefix + "expired on " + contract.terms().end();
      case SUSPENDED ->
          prefix
              + "is suspended: its review was due on "
              + contract
                  .terms()
                  .reviewDue(contract.lastReviewedAt().orElse(contract.requestedAt()));
      case REVOKED ->
          prefix
              + "was revoked"
              + contract
                  .revocation()
                  .map(r -> " by " + r.revokedBy() + ": " + r.reason())
                  .orElse("");
      case ACTIVE ->
          prefix
              + "starts on "
              + contract.terms().startsAfter(now).map(Object::toString).orElse("");
    };
  }

  private static String describe(String reader, Optional<String> application) {
    return application.map(app -> "application " + app).orElse("user " + reader);
  }

  private static ComptoirException forbidden(String message) {
    return new ComptoirException(ErrorCode.FORBIDDEN, message);
  }

  /** Days before its end date from which a contract is notified as expiring. */
  public static final int EXPIRY_NOTICE_DAYS = 30;

  /** What the principal should act on now. */
  public Notifications notifications(io.comptoir.identity.Principal principal) {
    Instant now = clock.instant();
    List<UsageContract> pending = new ArrayList<>();
    for (UsageContract request : contracts.listUndecided()) {
      Optional<DataProduct> product = catalog.findProduct(request.product());
      if (product.isPresent()
          && request.pendingApprovers().stream()
              .anyMatch(role -> ContractAccess.sitsAs(principal, role, product.get()))) {
        pending.add(request);
      }
    }
    List<UsageContract> expiring = new ArrayList<>();
    List<UsageContract> overdue = new ArrayList<>();
    for (UsageContract contract : contracts.listInForce()) {
      ContractStatus status = contract.statusAt(now);
      boolean own = contract.consumer().user().equals(principal.user().value());
      if (own
          && status == ContractStatus.ACTIVE
          && contract.terms().endsWithin(now, EXPIRY_NOTICE_DAYS)) {
        expiring.add(contract);
      }
      if (status == ContractStatus.SUSPENDED && (own || governs(principal, contract))) {
        overdue.add(contract);
      }
    }
    return new Notifications(pending, expiring, overdue);
  }

  private boolean governs(io.comptoir.identity.Principal principal, UsageContract contract) {
    if (principal.isAdmin() || principal.hasRole(io.comptoir.identity.Role.DPO)) {
      return true;
    }
    return catalog
        .findProduct(contract.product())
        .map(p -> principal.hasRoleIn(io.comptoir.identity.Role.DATA_OWNER, p.entity()))
        .orElse(false);
  }

  public SharingScope sharingOf(ProductId product) {
    catalog.findProduct(product).orElseThrow(() -> new NotFoundException("product", product));
    return sharingScopes.scopeOf(product);
  }

  /** Sets who may ask for a product; existing contracts are not changed. */
  public void setSharing(ProductId product, SharingScope scope) {
    catalog.findProduct(product).orElseThrow(() -> new NotFoundException("product", product));
    sharingScopes.save(product, scope);
  }

  /** Requests waiting for the given committee role, oldest first. */
  public List<UsageContract> awaiting(ApproverRole role) {
    return contracts.listUndecided().stream()
        .filter(contract -> contract.pendingApprovers().contains(role))
        .toList();
  }

  public List<UsageContract> ofConsumer(String user) {
    return contracts.listByConsumer(user);
  }

  public List<UsageContract> ofProduct(ProductId product) {
    return contracts.listByProduct(product);
  }

  /** An active contract and the key its keyed hashes use. */
  public record ActiveContract(UsageContract contract, ContractKey key) {
    public ActiveContract {
      requireNonNull(contract, "contract is null");
      requireNonNull(key, "key is null");
    }
  }
}

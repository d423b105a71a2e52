package io.comptoir.contract;

import static io.comptoir.contract.ApproverRole.DATA_OWNER;
import static io.comptoir.contract.ApproverRole.DPO;
import static io.comptoir.contract.ApproverRole.LEGAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.CatalogRepository;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.Page;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContractServiceTest {
  private static final ProductId CUSTOMERS = ProductId.of("clients");
  private static final Instant START = Instant.parse("2026-01-01T09:00:00Z");

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = START;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Hand-written in-memory repositories. */
  static final class Repositories implements CatalogRepository, ContractRepository {
    final Map<ProductId, DataProduct> products = new HashMap<>();
    final Map<ContractId, UsageContract> contracts = new LinkedHashMap<>();
    final Map<ContractId, ContractKey> keys = new HashMap<>();

    @Override
    public void saveEntity(LegalEntity entity) {}

    @Override
    public List<LegalEntity> listEntities() {
      return List.of();
    }

    @Override
    public Optional<LegalEntity> findEntity(String code) {
      return Optional.empty();
    }

    @Override
    public void saveDomain(Domain domain) {}

    @Override
    public List<Domain> listDomains() {
      return List.of();
    }

    @Override
    public Optional<Domain> findDomain(String id) {
      return Optional.empty();
    }

    @Override
    public void saveProduct(DataProduct product) {
      products.put(product.id(), product);
    }

    @Override
    public Optional<DataProduct> findProduct(ProductId id) {
      return Optional.ofNullable(products.get(id));
    }

    @Override
    public Page<DataProduct> listProducts(ProductQuery query) {
      return new Page<>(List.copyOf(products.values()), products.size(), 0, 50);
    }

    @Override
    public void insert(UsageContract contract, ContractKey key) {
      contracts.put(contract.id(), contract);
      keys.put(contract.id(), key);
    }

    @Override
    public void update(UsageContract contract) {
      contracts.put(contract.id(), contract);
    }

    @Override
    public Optional<UsageContract> find(ContractId id) {
      return Optional.ofNullable(contracts.get(id));
    }

    @Override
    public List<UsageContract> listByProduct(ProductId product) {
      return contracts.values().stream().filter(c -> c.product().equals(product)).toList();
    }

    @Override
    public List<UsageContract> listByConsumer(String user) {
      return contracts.values().stream().filter(c -> c.consumer().user().equals(user)).toList();
    }

    @Override
    public List<UsageContract> listUndecided() {
      return contracts.values().stream()
          .filter(
              c -> c.status() == ContractStatus.REQUESTED || c.status() == ContractStatus.IN_REVIEW)
          .sorted(Comparator.comparing(UsageContract::requestedAt))
          .toList();
    }

    @Override
    public List<UsageContract> listInForce() {
      return contracts.values().stream()
          .filter(
              c -> c.status() == ContractStatus.ACTIVE || c.status() == ContractStatus.SUSPENDED)
          .toList();
    }

    @Override
    public Optional<ContractKey> findKey(ContractId id) {
      return Optional.ofNullable(keys.get(id));
    }

    @Override
    public void destroyKey(ContractId id) {
      keys.remove(id);
    }
  }

  private final MovingClock clock = new MovingClock();
  private final Repositories repositories = new Repositories();
  private final Map<ProductId, SharingScope> scopes = new HashMap<>();
  private final ContractService service =
      new ContractService(
          repositories,
          repositories,
          new SharingRepository() {
            @Override
            public void save(ProductId product, SharingScope scope) {
              scopes.put(product, scope);
            }

            @Override
            public SharingScope scopeOf(ProductId product) {
              return scopes.getOrDefault(product, SharingScope.GROUP);
            }
          },
          ApprovalRules.defaults(),
          Period.ofYears(1),
          clock,
          new SecureRandom());

  ContractServiceTest() {
    repositories.saveProduct(
        new DataProduct(
            CUSTOMERS,
            "Clients",
            "",
            "BGPN",
            "clients",
            "olivier.proprietaire",
            "",
            "",
            Classification.CONFIDENTIAL,
            List.of(),
            List.of(
                new Column("customer_id", DataType.INTEGER, "", PersonalDataCategory.NONE, ""),
                new Column("email", DataType.STRING, "", PersonalDataCategory.IDENTIFIER, ""),
                new Column(
                    "birth_date", DataType.DATE, "", PersonalDataCategory.QUASI_IDENTIFIER, ""),
                new Column("city", DataType.STRING, "", PersonalDataCategory.NONE, "")),
            START,
            START));
  }

  @Test
  void defaultMaskingsFollowPersonalDataAndNeedTheDpo() {
    UsageContract request =
        request("BGPN", List.of("customer_id", "email", "birth_date"), Map.of());
    assertThat(request.grants())
        .containsExactly(
            ColumnGrant.of("customer_id", Masking.MASK_NONE),
            ColumnGrant.of("email", Masking.HASH_KEYED),
            ColumnGrant.of("birth_date", Masking.GENERALIZE));
    assertThat(request.required()).containsExactlyInAnyOrder(DATA_OWNER, DPO);
    assertThat(request.status()).isEqualTo(ContractStatus.REQUESTED);
    assertThat(repositories.keys).containsKey(request.id());
  }

  @Test
  void fullyMaskedPersonalDataDoesNotNeedTheDpoButAnotherEntityNeedsLegal() {
    UsageContract request =
        request("BSCC", List.of("customer_id", "email"), Map.of("email", Masking.MASK_NULL));
    assertThat(request.required()).containsExactlyInAnyOrder(DATA_OWNER, LEGAL);
  }

  @Test
  void showsTheCommitteeOfARequestBeforeItIsSentWithTheRulesOfTheRequest() {
    assertThat(
            service.requiredApprovers(
                CUSTOMERS,
                "BGPN",
                PurposeCategory.ANALYTICS,
                List.of("customer_id", "email"),
                Map.of()))
        .containsExactly(DATA_OWNER, DPO)
        .isEqualTo(request("BGPN", List.of("customer_id", "email"), Map.of()).required());
    assertThat(
            service.requiredApprovers(
                CUSTOMERS,
                "BSCC",
                PurposeCategory.PARTNER_SHARING,
                List.of("customer_id", "email"),
                Map.of("email", Masking.MASK)))
        .containsExactly(DATA_OWNER, LEGAL);
    assertThat(repositories.contracts).hasSize(1);
    assertThatThrownBy(
            () ->
                service.requiredApprovers(
                    CUSTOMERS, "BGPN", PurposeCategory.ANALYTICS, List.of("iban"), Map.of()))
        .hasMessage("product clients has no column 'iban'");
  }

  @Test
  void becomesActiveWhenTheWholeCommitteeApprovedAndTheDpoMayOnlyTighten() {
    UsageContract request =
        request("BGPN", List.of("customer_id", "email", "birth_date"), Map.of());
    service.decide(request.id(), approve(DATA_OWNER, "olivier.proprietaire"), List.of());
    assertThat(service.load(request.id()).status()).isEqualTo(ContractStatus.IN_REVIEW);
    assertThatThrownBy(
            () ->
                service.decide(
                    request.id(),
                    approve(DPO, "denis.dpo"),
                    List.of(ColumnGrant.of("email", Masking.MASK_NONE))))
        .hasMessage(
            "the DPO can only tighten a masking: MASK_NONE on column 'email' is looser than"
                + " HASH_KEYED");
    assertThatThrownBy(
            () ->
                service.decide(
                    request.id(),
                    approve(DPO, "denis.dpo"),
                    List.of(ColumnGrant.of("customer_id", Masking.MASK_SHOW_LAST_4))))
        .hasMessage(
            "masking MASK_SHOW_LAST_4 cannot be applied to column 'customer_id' of type integer");

    UsageContract active =
        service.decide(
            request.id(),
            approve(DPO, "denis.dpo"),
            List.of(ColumnGrant.of("birth_date", Masking.MASK_DATE_SHOW_YEAR)));
    assertThat(active.status()).isEqualTo(ContractStatus.ACTIVE);
    assertThat(active.grant("birth_date").orElseThrow().masking())
        .isEqualTo(Masking.MASK_DATE_SHOW_YEAR);
    assertThat(active.maskingChanges())
        .singleElement()
        .satisfies(change -> assertThat(change.changedBy()).isEqualTo("denis.dpo"));
    assertThat(service.activeContractFor(CUSTOMERS, "camille", Optional.empty()).contract().id())
        .isEqualTo(request.id());
  }

  @Test
  void onlyTheDpoChangesMaskings() {
    UsageContract request = request("BGPN", List.of("email"), Map.of());
    assertThatThrownBy(
            () ->
                service.decide(
                    request.id(),
                    approve(DATA_OWNER, "olivier.proprietaire"),
                    List.of(ColumnGrant.of("email", Masking.MASK_NULL))))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("only the DPO can change the masking of a column");
  }

  @Test
  void aRejectionClosesTheRequestShowsItsReasonAndDestroysTheKey() {
    UsageContract request = request("BGPN", List.of("email"), Map.of());
    service.decide(
        request.id(),
        new Decision(DPO, "denis.dpo", Verdict.REJECTED, "finalité trop vague", clock.instant()),
        List.of());
    assertThat(repositories.keys).doesNotContainKey(request.id());
    assertThatThrownBy(() -> service.activeContractFor(CUSTOMERS, "camille", Optional.empty()))
        .hasMessage(
            "contract " + request.id() + " was rejected: DPO denis.dpo: finalité trop vague");
  }

  @Test
  void refusesReadsWithTheReason() {
    assertThatThrownBy(() -> service.activeContractFor(CUSTOMERS, "camille", Optional.empty()))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("no usage contract for user camille on product clients: request access first")
        .satisfies(e -> assertThat(((ComptoirException) e).code()).isEqualTo(ErrorCode.FORBIDDEN));
    UsageContract request = request("BGPN", List.of("email"), Map.of());
    assertThatThrownBy(() -> service.activeContractFor(CUSTOMERS, "camille", Optional.empty()))
        .hasMessage("contract " + request.id() + " is awaiting approval by [DATA_OWNER, DPO]");
  }

  @Test
  void expiresOnTheFirstReadAfterItsEndDateAndLosesItsKey() {
    UsageContract active = activate(request("BGPN", List.of("city"), Map.of()));
    clock.now = Instant.parse("2026-07-01T00:00:00Z");
    service.review(active.id());
    clock.now = Instant.parse("2027-01-01T00:00:01Z");
    assertThatThrownBy(() -> service.activeContractFor(CUSTOMERS, "camille", Optional.empty()))
        .hasMessage("contract " + active.id() + " expired on 2026-12-31");
    assertThat(repositories.contracts.get(active.id()).status()).isEqualTo(ContractStatus.EXPIRED);
    assertThat(repositories.keys).doesNotContainKey(active.id());
  }

  @Test
  void isSuspendedWhileItsReviewIsOverdueThenActiveOnceReviewed() {
    UsageContract active = activate(request("BGPN", List.of("city"), Map.of()));
    clock.now = START.plus(Duration.ofDays(200));
    assertThatThrownBy(() -> service.activeContractFor(CUSTOMERS, "camille", Optional.empty()))
        .hasMessage("contract " + active.id() + " is suspended: its review was due on 2026-07-01");
    service.review(active.id());
    assertThat(service.activeContractFor(CUSTOMERS, "camille", Optional.empty()).contract().id())
        .isEqualTo(active.id());
  }

  @Test
  void revocationIsEffectiveOnTheNextRead() {
    UsageContract active = activate(request("BGPN", List.of("city"), Map.of()));
    // read once, so that the lookups are cached, then revoked: refused on the very next read
    assertThat(service.activeContractFor(CUSTOMERS, "camille", Optional.empty()).contract().id())
        .isEqualTo(active.id());
    service.revoke(active.id(), "denis.dpo", "fin du projet");
    assertThatThrownBy(() -> service.activeContractFor(CUSTOMERS, "camille", Optional.empty()))
        .hasMessage("contract " + active.id() + " was revoked by denis.dpo: fin du projet");
    assertThat(repositories.keys).doesNotContainKey(active.id());
  }

  @Test
  void renewalIsANewRequestApprovedByTheSameRules() {
    UsageContract active = activate(request("BGPN", List.of("email"), Map.of()));
    UsageContract renewal =
        service.renew(
            active.id(),
            new ContractTerms(
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 30), Period.ofMonths(6)));
    assertThat(renewal.renewalOf()).contains(active.id());
    assertThat(renewal.required()).containsExactlyInAnyOrder(DATA_OWNER, DPO);
    assertThat(renewal.grants()).isEqualTo(active.grants());
  }

  @Test
  void refusesBadRequests() {
    service.setSharing(CUSTOMERS, SharingScope.ENTITY);
    assertThat(service.sharingOf(CUSTOMERS)).isEqualTo(SharingScope.ENTITY);
    assertThatThrownBy(() -> request("LBP", List.of("city"), Map.of()))
        .hasMessage("product clients stays in its entity BGPN: consumers of LBP cannot request it");
    service.setSharing(CUSTOMERS, SharingScope.GROUP);
    assertThatThrownBy(() -> request("BGPN", List.of("phone"), Map.of()))
        .hasMessage("product clients has no column 'phone'");
    assertThatThrownBy(
            () -> request("BGPN", List.of("city"), Map.of("city", Masking.MASK_DATE_SHOW_YEAR)))
        .hasMessage(
            "masking MASK_DATE_SHOW_YEAR cannot be applied to column 'city' of type string");
    assertThatThrownBy(
            () ->
                service.request(
                    form(
                        "BGPN",
                        List.of("city"),
                        Map.of(),
                        new ContractTerms(
                            LocalDate.of(2026, 1, 1),
                            LocalDate.of(2028, 1, 1),
                            Period.ofMonths(6)))))
        .hasMessage("a contract lasts at most P1Y: 2026-01-01 to 2028-01-01 is longer");
  }

  @Test
  void notifiesPendingApprovalsExpiringContractsAndOverdueReviews() {
    UsageContract pending = request("BGPN", List.of("email"), Map.of());
    UsageContract reviewed = activate(request("BGPN", List.of("city"), Map.of()));
    UsageContract active = activate(request("BGPN", List.of("customer_id"), Map.of()));
    clock.now = Instant.parse("2026-07-01T00:00:00Z");
    service.review(reviewed.id());
    clock.now = Instant.parse("2026-12-10T00:00:00Z");
    Notifications forDpo =
        service.notifications(
            new io.comptoir.identity.Principal(
                io.comptoir.identity.Username.of("denis.dpo"),
                "LBP",
                java.util.Set.of(io.comptoir.identity.Role.DPO),
                Optional.empty()));
    assertThat(forDpo.pendingApprovals())
        .extracting(UsageContract::id)
        .containsExactly(pending.id());
    assertThat(forDpo.overdueReviews()).extracting(UsageContract::id).containsExactly(active.id());
    Notifications forConsumer =
        service.notifications(
            new io.comptoir.identity.Principal(
                io.comptoir.identity.Username.of("camille"),
                "BGPN",
                java.util.Set.of(io.comptoir.identity.Role.CONSUMER),
                Optional.empty()));
    assertThat(forConsumer.pendingApprovals()).isEmpty();
    assertThat(forConsumer.expiringSoon())
        .extracting(UsageContract::id)
        .containsExactly(reviewed.id());
    assertThat(forConsumer.overdueReviews())
        .extracting(UsageContract::id)
        .containsExactly(active.id());
  }

  private UsageContract activate(UsageContract request) {
    UsageContract current = request;
    for (ApproverRole role : request.required()) {
      current = service.decide(request.id(), approve(role, role.name().toLowerCase()), List.of());
    }
    assertThat(current.status()).isEqualTo(ContractStatus.ACTIVE);
    return current;
  }

  private Decision approve(ApproverRole role, String who) {
    return new Decision(role, who, Verdict.APPROVED, "ok", clock.instant());
  }

  private UsageContract request(
      String entity, List<String> columns, Map<String, Masking> maskings) {
    return service.request(
        form(
            entity,
            columns,
            maskings,
            new ContractTerms(
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Period.ofMonths(6))));
  }

  private static AccessRequestForm form(
      String entity, List<String> columns, Map<String, Masking> maskings, ContractTerms terms) {
    return new AccessRequestForm(
        CUSTOMERS,
        new Consumer("camille", Optional.empty(), entity),
        new Purpose(
            "segmentation",
            PurposeCategory.ANALYTICS,
            LegalBasis.LEGITIMATE_INTERESTS,
            "",
            "camille"),
        new ArrayList<>(columns),
        maskings,
        "",
        terms,
        Optional.empty());
  }
}

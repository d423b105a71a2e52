package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.ProductId;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.ColumnGrant;
import io.comptoir.contract.Consumer;
import io.comptoir.contract.ContractId;
import io.comptoir.contract.ContractKey;
import io.comptoir.contract.ContractStatus;
import io.comptoir.contract.ContractTerms;
import io.comptoir.contract.Decision;
import io.comptoir.contract.Generalization;
import io.comptoir.contract.LegalBasis;
import io.comptoir.contract.Masking;
import io.comptoir.contract.Purpose;
import io.comptoir.contract.PurposeCategory;
import io.comptoir.contract.Revocation;
import io.comptoir.contract.UsageContract;
import io.comptoir.contract.Verdict;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract repository contract, run on SQLite and PostgreSQL by the subclasses. */
abstract class ContractRepositoryContractTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  private MetadataStore store;

  abstract MetadataStore openFreshStore() throws Exception;

  abstract void dropFreshStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openFreshStore();
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
    dropFreshStore();
  }

  @Test
  void roundTripsEveryFieldAndKeepsTheKeyApart() {
    UsageContract request = request("clients", "camille", Optional.of("churn-app"));
    ContractKey key = ContractKey.generate(new SecureRandom());
    store.contracts().insert(request, key);
    assertThat(store.contracts().find(request.id())).contains(request);
    assertThat(store.contracts().findKey(request.id())).contains(key);

    UsageContract decided =
        request
            .decide(
                new Decision(ApproverRole.DATA_OWNER, "olivier", Verdict.APPROVED, "ok", T0),
                List.of())
            .decide(
                new Decision(ApproverRole.DPO, "denis", Verdict.APPROVED, "", T0.plusSeconds(60)),
                List.of(ColumnGrant.of("birth_date", Masking.MASK_DATE_SHOW_YEAR)))
            .revoke(new Revocation("denis", T0.plusSeconds(3600), "fin du projet"));
    store.contracts().update(decided);
    assertThat(store.contracts().find(request.id())).contains(decided);
    assertThat(decided.maskingChanges()).hasSize(1);

    store.contracts().destroyKey(request.id());
    assertThat(store.contracts().findKey(request.id())).isEmpty();
    assertThat(store.contracts().find(request.id())).contains(decided);
  }

  @Test
  void listsByProductConsumerAndUndecided() {
    UsageContract first = request("clients", "camille", Optional.empty());
    UsageContract second = request("colis", "camille", Optional.empty());
    UsageContract third = request("clients", "paul", Optional.empty());
    for (UsageContract contract : List.of(first, second, third)) {
      store.contracts().insert(contract, ContractKey.generate(new SecureRandom()));
    }
    store
        .contracts()
        .update(
            third.decide(
                new Decision(ApproverRole.DATA_OWNER, "olivier", Verdict.REJECTED, "non", T0),
                List.of()));
    assertThat(store.contracts().listByProduct(ProductId.of("clients")))
        .extracting(UsageContract::id)
        .containsExactlyInAnyOrder(first.id(), third.id());
    assertThat(store.contracts().listByConsumer("camille"))
        .extracting(UsageContract::id)
        .containsExactlyInAnyOrder(first.id(), second.id());
    assertThat(store.contracts().listUndecided())
        .extracting(UsageContract::id)
        .containsExactlyInAnyOrder(first.id(), second.id());
  }

  @Test
  void keepsTheSharingScopeOfEachProduct() {
    ProductId colis = ProductId.of("colis");
    assertThat(store.sharing().scopeOf(colis)).isEqualTo(io.comptoir.contract.SharingScope.GROUP);
    store.sharing().save(colis, io.comptoir.contract.SharingScope.ENTITY);
    assertThat(store.sharing().scopeOf(colis)).isEqualTo(io.comptoir.contract.SharingScope.ENTITY);
    assertThat(store.sharing().asProductSharing().staysInEntity(colis)).isTrue();
    store.sharing().save(colis, io.comptoir.contract.SharingScope.GROUP);
    assertThat(store.sharing().asProductSharing().staysInEntity(colis)).isFalse();
    assertThat(store.sharing().scopeOf(ProductId.of("autre")))
        .isEqualTo(io.comptoir.contract.SharingScope.GROUP);
  }

  @Test
  void refusesToUpdateAnUnknownContract() {
    UsageContract unknown = request("clients", "camille", Optional.empty());
    assertThatThrownBy(() -> store.contracts().update(unknown))
        .hasMessage("contract not found: " + unknown.id());
  }

  private static UsageContract request(String product, String user, Optional<String> application) {
    return new UsageContract(
        ContractId.random(),
        ProductId.of(product),
        new Consumer(user, application, "BGPN"),
        new Purpose(
            "segmentation des clients",
            PurposeCategory.DATA_SCIENCE,
            LegalBasis.LEGITIMATE_INTERESTS,
            "moins de résiliations",
            user),
        List.of(
            ColumnGrant.of("customer_id", Masking.MASK_NONE),
            new ColumnGrant(
                "birth_date",
                Masking.GENERALIZE,
                new Generalization(Generalization.DateGranularity.YEAR, 5))),
        "city = 'Paris'",
        new ContractTerms(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Period.ofMonths(6)),
        EnumSet.of(ApproverRole.DATA_OWNER, ApproverRole.DPO),
        List.of(),
        List.of(),
        ContractStatus.REQUESTED,
        T0,
        Optional.empty(),
        Optional.empty(),
        Optional.of(ContractId.random()));
  }
}

package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.contract.ApproverRole;
import io.comptoir.contract.ContractStatus;
import io.comptoir.contract.LegalBasis;
import io.comptoir.contract.Masking;
import io.comptoir.contract.PurposeCategory;
import io.comptoir.contract.SharingScope;
import io.comptoir.contract.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The texts the product and contract pages build from enums and from the form's error keys. */
class ContractTextsTest {
  @Test
  void everyValueShownByTheProductAndContractPagesHasATextInEveryLanguage() {
    List<String> keys = new ArrayList<>();
    for (ContractStatus status : ContractStatus.values()) {
      keys.add("terms.status." + status.name());
    }
    for (ApproverRole role : ApproverRole.values()) {
      keys.add("terms.approver." + role.name());
    }
    for (PersonalDataCategory category : PersonalDataCategory.values()) {
      keys.add("terms.personal." + category.name());
    }
    for (Masking masking : Masking.values()) {
      keys.add("terms.masking." + masking.name());
    }
    for (PurposeCategory category : PurposeCategory.values()) {
      keys.add("terms.purpose." + category.name());
    }
    for (LegalBasis basis : LegalBasis.values()) {
      keys.add("terms.legal-basis." + basis.name());
    }
    for (SharingScope scope : SharingScope.values()) {
      keys.add("product.sharing." + scope.name());
    }
    for (Verdict verdict : Verdict.values()) {
      keys.add("contract-page.verdict." + verdict.name());
    }
    for (String period : ProductPages.REVIEW_PERIODS) {
      keys.add("terms.period." + period);
    }
    for (String state : List.of("ACTIVE", "EXPIRED", "REVOKED")) {
      keys.add("tokens.state." + state);
    }
    for (String section : List.of("pending", "expiring", "overdue")) {
      keys.add("notifications-page." + section);
    }
    for (String error :
        List.of(
            "columns",
            "purpose",
            "category",
            "legal-basis",
            "referent",
            "dates",
            "end-before-start",
            "review-period",
            "rejected")) {
      keys.add("access.error." + error);
    }
    keys.addAll(
        List.of(
            "access.committee.choose-columns",
            "access.committee.invalid",
            "mycontracts.error.dates",
            "mycontracts.error.renewal",
            "tokens.error.name",
            "tokens.error.days",
            "contract-page.error.reason"));
    for (String language : Messages.LANGUAGES) {
      assertThat(keys)
          .allSatisfy(
              key ->
                  assertThat(Messages.require(language).has(key))
                      .as(language + " " + key)
                      .isTrue());
    }
  }
}

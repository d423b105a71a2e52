package io.comptoir.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {
  private static final DataProduct PARCELS =
      new DataProduct(
          ProductId.of("colis"),
          "Colis",
          "",
          "BSCC",
          "colis",
          "olivier.proprietaire",
          "",
          "",
          Classification.INTERNAL,
          List.of(),
          List.of(),
          Instant.EPOCH,
          Instant.EPOCH);

  private static Principal principal(String name, String entity, Role... roles) {
    return new Principal(Username.of(name), entity, Set.of(roles), Optional.empty());
  }

  @Test
  void aDataOwnerOfTheProductEntityReadsRowsAndLoadsData() {
    Principal owner = principal("olivier", "BSCC", Role.DATA_OWNER);

    assertThatCode(() -> Access.readRows(owner, PARCELS)).doesNotThrowAnyException();
    assertThatCode(() -> Access.ingest(owner, PARCELS)).doesNotThrowAnyException();
    assertThatCode(() -> Access.editProduct(owner, PARCELS)).doesNotThrowAnyException();
  }

  @Test
  void aDataOwnerOfAnotherEntityIsForbiddenWithTheReason() {
    Principal other = principal("laurent", "LBP", Role.DATA_OWNER, Role.CONSUMER);

    assertThatThrownBy(() -> Access.readRows(other, PARCELS))
        .isInstanceOf(ComptoirException.class)
        .hasMessage(
            "laurent may not read the rows of product colis: needs DATA_OWNER of entity BSCC or"
                + " ADMIN, has CONSUMER, DATA_OWNER in LBP")
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void aStewardEditsTheProductAndSeesRejectedRowsButNotTheRows() {
    Principal steward = principal("sophie", "BSCC", Role.DATA_STEWARD);

    assertThatCode(() -> Access.editProduct(steward, PARCELS)).doesNotThrowAnyException();
    assertThatCode(() -> Access.readQuarantine(steward, PARCELS)).doesNotThrowAnyException();
    assertThatThrownBy(() -> Access.ingest(steward, PARCELS))
        .hasMessage(
            "sophie may not load data into product colis: needs DATA_OWNER of entity BSCC or"
                + " ADMIN, has DATA_STEWARD in BSCC");
  }

  @Test
  void onlyAnAdminEditsReferenceDataAndIdentities() {
    Principal consumer = principal("camille", "BGPN");
    Principal admin = principal("alice", "BSCC", Role.ADMIN);

    assertThatThrownBy(() -> Access.editReferenceData(consumer))
        .hasMessage("camille may not change entities and domains: needs ADMIN, no role in BGPN");
    assertThatThrownBy(() -> Access.manageIdentities(consumer))
        .hasMessage("camille may not manage users and applications: needs ADMIN, no role in BGPN");
    assertThatCode(() -> Access.editReferenceData(admin)).doesNotThrowAnyException();
    assertThatCode(() -> Access.readRows(admin, PARCELS)).doesNotThrowAnyException();
  }

  @Test
  void anApplicationCannotIssueTokens() {
    Principal application =
        new Principal(
            Username.of("olivier"),
            "BSCC",
            Set.of(Role.DATA_OWNER),
            Optional.of(ApplicationId.of("tableau")));

    assertThatThrownBy(() -> Access.issueTokens(application))
        .hasMessage(
            "tableau (for olivier) may not issue API tokens: an application cannot; its owner"
                + " logs in to do it");
  }
}

package io.comptoir.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityServiceTest {
  private static final Username OLIVIER = Username.of("olivier.proprietaire");
  private static final Username CAMILLE = Username.of("camille.consommatrice");
  private static final ApplicationId TABLEAU = ApplicationId.of("tableau-colis");

  private final InMemoryIdentityRepository repository = new InMemoryIdentityRepository();
  private final ReversingHasher hasher = new ReversingHasher();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T09:00:00Z"));
  private final IdentityService service =
      new IdentityService(repository, hasher, new Secrets(), clock, 90);

  @BeforeEach
  void users() {
    service.saveUser(user(OLIVIER, "BSCC", Role.DATA_OWNER));
    service.saveUser(user(CAMILLE, "BGPN", Role.CONSUMER));
  }

  private static User user(Username name, String entity, Role... roles) {
    return new User(
        name, name.value(), name + "@example.org", entity, Set.of(roles), AccountStatus.ACTIVE);
  }

  @Test
  void issuesARandomPrefixedTokenShownOnceAndStoredOnlyAsItsHash() {
    IssuedToken first = service.issueToken(OLIVIER, Optional.empty(), "script", 30);
    IssuedToken second = service.issueToken(OLIVIER, Optional.empty(), "script", 30);

    assertThat(first.secret()).startsWith("cpt_").hasSize(4 + 43).isNotEqualTo(second.secret());
    assertThat(first.toString()).doesNotContain(first.secret());
    assertThat(repository.findTokenByHash(Secrets.sha256(first.secret()))).contains(first.token());
    assertThat(first.token().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
    assertThat(service.listTokens(OLIVIER)).hasSize(2);
  }

  @Test
  void authenticatesATokenAsItsUserWithTheUserRolesAndRecordsItsUse() {
    IssuedToken issued = service.issueToken(OLIVIER, Optional.empty(), "script", 30);

    Principal principal = service.authenticate(issued.secret());

    assertThat(principal.user()).isEqualTo(OLIVIER);
    assertThat(principal.entity()).isEqualTo("BSCC");
    assertThat(principal.roles()).containsExactly(Role.DATA_OWNER);
    assertThat(principal.application()).isEmpty();
    assertThat(service.loadToken(issued.token().id()).lastUsedAt()).contains(clock.instant());
  }

  @Test
  void recordsTheLastUseAtMostOncePerMinute() {
    IssuedToken issued = service.issueToken(OLIVIER, Optional.empty(), "script", 30);
    service.authenticate(issued.secret());
    service.authenticate(issued.secret());
    clock.advance(Duration.ofSeconds(61));
    service.authenticate(issued.secret());

    assertThat(repository.touches).isEqualTo(2);
  }

  @Test
  void authenticatesAnApplicationTokenAsTheApplicationActingForItsOwner() {
    service.saveApplication(
        new Application(TABLEAU, "Tableau colis", OLIVIER, "BSCC", AccountStatus.ACTIVE));
    IssuedToken issued = service.issueToken(OLIVIER, Optional.of(TABLEAU), "bi", 10);

    Principal principal = service.authenticate(issued.secret());

    assertThat(principal.application()).contains(TABLEAU);
    assertThat(principal.name()).isEqualTo("tableau-colis (for olivier.proprietaire)");
    assertThat(principal.roles()).containsExactly(Role.DATA_OWNER);
  }

  @Test
  void refusesATokenForAnApplicationOfSomeoneElse() {
    service.saveApplication(
        new Application(TABLEAU, "Tableau colis", OLIVIER, "BSCC", AccountStatus.ACTIVE));

    assertThatThrownBy(() -> service.issueToken(CAMILLE, Optional.of(TABLEAU), "bi", 10))
        .isInstanceOf(ComptoirException.class)
        .hasMessage(
            "application tableau-colis is owned by olivier.proprietaire, not camille.consommatrice")
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void refusesALifetimeBeyondTheMaximum() {
    assertThatThrownBy(() -> service.issueToken(OLIVIER, Optional.empty(), "long", 91))
        .hasMessage("token lifetime must be between 1 and 90 days, got 91");
    assertThatThrownBy(() -> service.issueToken(OLIVIER, Optional.empty(), "none", 0))
        .hasMessage("token lifetime must be between 1 and 90 days, got 0");
  }

  @Test
  void rejectsMalformedTokens() {
    for (String bad :
        new String[] {"", "abc", "cpt_short", "Bearer cpt_x", "cpt_" + "!".repeat(43)}) {
      assertUnauthenticated(bad, "malformed API token: expected cpt_ and 43 base64url characters");
    }
    assertUnauthenticated(null, "malformed API token: expected cpt_ and 43 base64url characters");
  }

  @Test
  void rejectsUnknownTokens() {
    assertUnauthenticated(new Secrets().newToken(), "unknown API token");
  }

  @Test
  void rejectsExpiredTokens() {
    IssuedToken issued = service.issueToken(OLIVIER, Optional.empty(), "script", 1);
    clock.advance(Duration.ofDays(1));

    assertUnauthenticated(issued.secret(), "API token expired at 2026-01-11T09:00:00Z");
  }

  @Test
  void rejectsRevokedTokensFromTheNextCall() {
    IssuedToken issued = service.issueToken(OLIVIER, Optional.empty(), "script", 1);
    service.authenticate(issued.secret());

    ApiToken revoked =
        service.revokeToken(Principal.of(service.loadUser(OLIVIER)), issued.token().id());

    assertThat(revoked.revokedAt()).contains(clock.instant());
    assertUnauthenticated(issued.secret(), "API token revoked at 2026-01-10T09:00:00Z");
  }

  @Test
  void rejectsTokensOfDisabledUsersAndApplications() {
    service.saveApplication(
        new Application(TABLEAU, "Tableau colis", OLIVIER, "BSCC", AccountStatus.ACTIVE));
    IssuedToken application = service.issueToken(OLIVIER, Optional.of(TABLEAU), "bi", 10);
    IssuedToken user = service.issueToken(CAMILLE, Optional.empty(), "script", 10);
    // both accepted, so that what they authenticate is cached, then refused at once
    service.authenticate(application.secret());
    service.authenticate(user.secret());
    service.saveApplication(
        new Application(TABLEAU, "Tableau colis", OLIVIER, "BSCC", AccountStatus.DISABLED));
    User camille = service.loadUser(CAMILLE);
    service.saveUser(
        new User(
            CAMILLE,
            camille.displayName(),
            camille.email(),
            camille.entity(),
            camille.roles(),
            AccountStatus.DISABLED));

    assertUnauthenticated(application.secret(), "application tableau-colis is disabled");
    assertUnauthenticated(user.secret(), "user camille.consommatrice is disabled");
  }

  @Test
  void onlyTheOwnerOrAnAdminRevokesAToken() {
    IssuedToken issued = service.issueToken(OLIVIER, Optional.empty(), "script", 1);
    Principal camille = Principal.of(service.loadUser(CAMILLE));
    Principal admin =
        Principal.of(service.saveUser(user(Username.of("alice.admin"), "BSCC", Role.ADMIN)));

    assertThatThrownBy(() -> service.revokeToken(camille, issued.token().id()))
        .hasMessage(
            "API token "
                + issued.token().id()
                + " belongs to olivier.proprietaire; only they or an ADMIN revoke it");
    assertThat(service.revokeToken(admin, issued.token().id()).revoked()).isTrue();
  }

  @Test
  void revokingAnUnknownTokenIsNotFound() {
    TokenId id = TokenId.random();

    assertThatThrownBy(() -> service.revokeToken(Principal.of(service.loadUser(OLIVIER)), id))
        .hasMessage("API token not found: " + id);
  }

  @Test
  void setsHashedPasswordsOfAtLeastEightCharacters() {
    service.setPassword(OLIVIER, "correct horse");

    assertThat(repository.findPasswordHash(OLIVIER)).contains("rev:esroh tcerroc");
    assertThatThrownBy(() -> service.setPassword(OLIVIER, "short"))
        .hasMessage("password must be at least 8 characters");
    assertThatThrownBy(() -> service.setPassword(Username.of("nobody"), "long enough"))
        .hasMessage("user not found: nobody");
  }

  @Test
  void refusesAnApplicationWhoseOwnerIsNotAUser() {
    assertThatThrownBy(
            () ->
                service.saveApplication(
                    new Application(
                        TABLEAU, "Tableau", Username.of("ghost"), "BSCC", AccountStatus.ACTIVE)))
        .hasMessage("owner ghost of application tableau-colis is not a user");
  }

  @Test
  void theSessionPrincipalReadsTheRolesAgain() {
    assertThat(service.principal(CAMILLE).roles()).containsExactly(Role.CONSUMER);
    service.saveUser(user(CAMILLE, "BGPN", Role.CONSUMER, Role.DPO));

    assertThat(service.principal(CAMILLE).roles())
        .containsExactlyInAnyOrder(Role.CONSUMER, Role.DPO);
    assertThatThrownBy(() -> service.principal(Username.of("ghost")))
        .hasMessage("user ghost no longer exists");
  }

  @Test
  void validatesUsernames() {
    assertThatThrownBy(() -> Username.of("Camille"))
        .hasMessage(
            "username must be lowercase letters, digits, '.', '-' or '_' (1-63 chars, starting"
                + " with a letter or digit), got 'Camille'");
  }

  private void assertUnauthenticated(String secret, String message) {
    assertThatThrownBy(() -> service.authenticate(secret))
        .as(String.valueOf(secret))
        .isInstanceOf(ComptoirException.class)
        .hasMessage(message)
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.UNAUTHENTICATED);
  }
}

package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.AccountStatus;
import io.comptoir.identity.ApiToken;
import io.comptoir.identity.Application;
import io.comptoir.identity.ApplicationId;
import io.comptoir.identity.IdentityRepository;
import io.comptoir.identity.Role;
import io.comptoir.identity.Secrets;
import io.comptoir.identity.TokenId;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IdentityRepository}, mixed into the repository contract suite that runs on
 * every database: implementers give a repository on a fresh, empty store.
 */
interface IdentityRepositoryContract {
  Instant T0 = Instant.parse("2026-01-15T08:30:00.123Z");
  Username OLIVIER = Username.of("olivier.proprietaire");
  Username CAMILLE = Username.of("camille.consommatrice");
  ApplicationId TABLEAU = ApplicationId.of("tableau-colis");

  IdentityRepository identities();

  private static User olivier(AccountStatus status, Role... roles) {
    return new User(
        OLIVIER, "Olivier Propriétaire", "olivier@example.org", "BSCC", Set.of(roles), status);
  }

  private static ApiToken token(TokenId id, Username user, Optional<ApplicationId> application) {
    return new ApiToken(
        id,
        user,
        application,
        "script « nocturne »",
        T0,
        T0.plus(Duration.ofDays(30)),
        Optional.empty(),
        Optional.empty());
  }

  private void saveUsers() {
    identities().saveUser(olivier(AccountStatus.ACTIVE, Role.DATA_OWNER, Role.CONSUMER));
    identities()
        .saveUser(
            new User(CAMILLE, "Camille", "", "BGPN", Set.of(Role.CONSUMER), AccountStatus.ACTIVE));
  }

  @Test
  default void savesFindsAndListsUsersWithTheirRolesOrderedByUsername() {
    saveUsers();

    assertThat(identities().findUser(OLIVIER))
        .contains(olivier(AccountStatus.ACTIVE, Role.DATA_OWNER, Role.CONSUMER));
    assertThat(identities().listUsers())
        .extracting(User::username)
        .containsExactly(CAMILLE, OLIVIER);
    assertThat(identities().findUser(Username.of("nobody"))).isEmpty();
  }

  @Test
  default void savingAUserAgainReplacesItsFieldsAndRolesButKeepsThePassword() {
    saveUsers();
    identities().savePasswordHash(OLIVIER, "$2a$12$hash");

    User changed = olivier(AccountStatus.DISABLED, Role.ADMIN);
    identities().saveUser(changed);

    assertThat(identities().findUser(OLIVIER)).contains(changed);
    assertThat(identities().findPasswordHash(OLIVIER)).contains("$2a$12$hash");
    assertThat(identities().findPasswordHash(CAMILLE)).isEmpty();
    assertThat(identities().findPasswordHash(Username.of("nobody"))).isEmpty();
  }

  @Test
  default void savingAUserWithoutRolesRemovesThemAll() {
    saveUsers();
    identities().saveUser(olivier(AccountStatus.ACTIVE));

    assertThat(identities().findUser(OLIVIER).orElseThrow().roles()).isEmpty();
  }

  @Test
  default void settingThePasswordOfAnUnknownUserIsNotFound() {
    assertThatThrownBy(() -> identities().savePasswordHash(OLIVIER, "$2a$12$hash"))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("user not found: olivier.proprietaire");
  }

  @Test
  default void savesFindsListsAndUpdatesApplications() {
    saveUsers();
    Application application =
        new Application(TABLEAU, "Tableau de bord colis", OLIVIER, "BSCC", AccountStatus.ACTIVE);
    identities().saveApplication(application);
    Application other =
        new Application(
            ApplicationId.of("a-notebook"), "Notebook", CAMILLE, "BGPN", AccountStatus.ACTIVE);
    identities().saveApplication(other);
    Application disabled =
        new Application(TABLEAU, "Tableau", OLIVIER, "BSCC", AccountStatus.DISABLED);
    identities().saveApplication(disabled);

    assertThat(identities().findApplication(TABLEAU)).contains(disabled);
    assertThat(identities().listApplications()).containsExactly(other, disabled);
    assertThat(identities().findApplication(ApplicationId.of("nope"))).isEmpty();
  }

  @Test
  default void insertsAndFindsTokensByIdAndHashOnly() {
    saveUsers();
    identities()
        .saveApplication(
            new Application(TABLEAU, "Tableau", OLIVIER, "BSCC", AccountStatus.ACTIVE));
    ApiToken userToken = token(TokenId.random(), OLIVIER, Optional.empty());
    ApiToken applicationToken = token(TokenId.random(), OLIVIER, Optional.of(TABLEAU));
    identities().insertToken(userToken, Secrets.sha256("secret-1"));
    identities().insertToken(applicationToken, Secrets.sha256("secret-2"));

    assertThat(identities().findToken(userToken.id())).contains(userToken);
    assertThat(identities().findTokenByHash(Secrets.sha256("secret-2"))).contains(applicationToken);
    assertThat(identities().findTokenByHash(Secrets.sha256("secret-3"))).isEmpty();
    assertThat(identities().findToken(TokenId.random())).isEmpty();
  }

  @Test
  default void aSecretHashIsUnique() {
    saveUsers();
    identities().insertToken(token(TokenId.random(), OLIVIER, Optional.empty()), "same-hash");
    TokenId second = TokenId.random();

    assertThatThrownBy(
            () -> identities().insertToken(token(second, CAMILLE, Optional.empty()), "same-hash"))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("API token " + second + " or its secret already exists")
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.CONFLICT);
    assertThat(identities().listTokens(CAMILLE)).isEmpty();
  }

  @Test
  default void listsTheTokensOfAUserNewestFirst() {
    saveUsers();
    ApiToken older = token(TokenId.random(), OLIVIER, Optional.empty());
    ApiToken newer =
        new ApiToken(
            TokenId.random(),
            OLIVIER,
            Optional.empty(),
            "newer",
            T0.plusSeconds(60),
            T0.plus(Duration.ofDays(1)),
            Optional.empty(),
            Optional.empty());
    identities().insertToken(older, "hash-1");
    identities().insertToken(newer, "hash-2");
    identities().insertToken(token(TokenId.random(), CAMILLE, Optional.empty()), "hash-3");

    assertThat(identities().listTokens(OLIVIER)).containsExactly(newer, older);
  }

  @Test
  default void revokesOnceAndRecordsTheLastUse() {
    saveUsers();
    ApiToken token = token(TokenId.random(), OLIVIER, Optional.empty());
    identities().insertToken(token, "hash");

    identities().touchToken(token.id(), T0.plusSeconds(5));
    identities().revokeToken(token.id(), T0.plusSeconds(10));
    identities().revokeToken(token.id(), T0.plusSeconds(20));

    ApiToken found = identities().findToken(token.id()).orElseThrow();
    assertThat(found.lastUsedAt()).contains(T0.plusSeconds(5));
    assertThat(found.revokedAt()).contains(T0.plusSeconds(10));
  }
}

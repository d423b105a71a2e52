package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.identity.AccountStatus;
import io.comptoir.identity.ApiToken;
import io.comptoir.identity.Role;
import io.comptoir.identity.Secrets;
import io.comptoir.identity.TokenId;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import io.comptoir.store.MetadataStore;
import io.comptoir.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Logins, sessions and API tokens over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationIT {
  private static final String CAMILLE = "camille.consommatrice";
  private static final String PASSWORD = "camille-password";
  private static final String MALFORMED =
      "malformed API token: expected cpt_ and 43 base64url characters";

  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http anonymous;
  private Http admin;

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    comptoir
        .identities()
        .saveUser(
            new User(
                Username.of(CAMILLE),
                "Camille Consommatrice",
                "camille@example.org",
                "BGPN",
                Set.of(Role.CONSUMER),
                AccountStatus.ACTIVE));
    comptoir.identities().setPassword(Username.of(CAMILLE), PASSWORD);
    server = comptoir.startHttp();
    anonymous = new Http(server.url());
    admin = anonymous.withToken(Fixtures.adminToken(comptoir));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (comptoir != null) {
      comptoir.close();
    }
  }

  private Http.Response login(Http http, String username, String password) {
    return http.postJson(
        "/api/v1/login",
        "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
  }

  /** Logs Camille in and returns a client sending her session cookie. */
  private Http camilleSession() {
    Http.Response response = login(anonymous, CAMILLE, PASSWORD);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    String cookie = response.setCookies().get(0);
    return anonymous.withHeader("Cookie", cookie.substring(0, cookie.indexOf(';')));
  }

  @Test
  void logsInWithAPasswordSettingAnHttpOnlyLaxSessionCookie() {
    Http.Response response = login(anonymous, CAMILLE, PASSWORD);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().path("username").asText()).isEqualTo(CAMILLE);
    assertThat(response.setCookies())
        .singleElement()
        .asString()
        .startsWith("comptoir_session=")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Lax")
        .containsIgnoringCase("Path=/")
        .doesNotContainIgnoringCase("Secure");
  }

  @Test
  void marksTheSessionCookieSecureOverHttps() {
    Http.Response response =
        login(anonymous.withHeader("X-Forwarded-Proto", "https"), CAMILLE, PASSWORD);

    assertThat(response.setCookies()).singleElement().asString().containsIgnoringCase("Secure");
  }

  @Test
  void theSessionCookieAuthenticatesUntilLogout() {
    Http session = camilleSession();

    JsonNode me = session.get("/api/v1/me").json();
    assertThat(me.path("username").asText()).isEqualTo(CAMILLE);
    assertThat(me.path("entity").asText()).isEqualTo("BGPN");
    assertThat(me.path("roles").toString()).isEqualTo("[\"CONSUMER\"]");
    assertThat(session.get("/api/v1/products").status()).isEqualTo(200);

    Http.Response logout = session.postJson("/api/v1/logout", "");
    assertThat(logout.status()).isEqualTo(204);
    assertThat(logout.setCookies()).singleElement().asString().startsWith("comptoir_session=");

    assertError(session.get("/api/v1/me"), 401, "session expired or unknown: log in again");
  }

  @Test
  void aStaleCookieDoesNotPreventLoggingInAgain() {
    Http stale = anonymous.withHeader("Cookie", "comptoir_session=gone");

    assertThat(login(stale, CAMILLE, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void givesTheSameAnswerForAWrongPasswordAndAnUnknownUser() {
    Http.Response wrongPassword = login(anonymous, CAMILLE, "not-her-password");
    Http.Response unknownUser = login(anonymous, "nobody.here", PASSWORD);

    assertError(wrongPassword, 401, "invalid username or password");
    assertError(unknownUser, 401, "invalid username or password");
    assertThat(wrongPassword.setCookies()).isEmpty();
    assertThat(unknownUser.setCookies()).isEmpty();
  }

  @Test
  void throttlesPasswordGuessingPerUsernameWhetherItExistsOrNot() {
    for (int attempt = 0; attempt < 5; attempt++) {
      assertError(
          login(anonymous, "guessed.user", "guess-" + attempt),
          401,
          "invalid username or password");
    }

    Http.Response refused = login(anonymous, "guessed.user", "guess-5");

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.errorMessage())
        .startsWith("too many failed logins for this username: try again after ");
    assertThat(login(anonymous, CAMILLE, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void refusesAnonymousCallersButLeavesHealthAndOpenApiPublic() {
    assertError(anonymous.get("/api/v1/products"), 401, Caller.AUTHENTICATION_REQUIRED);
    assertError(anonymous.get("/api/v1/me"), 401, Caller.AUTHENTICATION_REQUIRED);
    assertThat(anonymous.get("/health").status()).isEqualTo(200);
    assertThat(anonymous.get("/openapi.json").status()).isEqualTo(200);
  }

  @Test
  void refusesMalformedCredentials() {
    assertError(
        anonymous.withHeader("Authorization", "Bearer nonsense").get("/api/v1/products"),
        401,
        MALFORMED);
    assertError(
        anonymous.withHeader("Authorization", "Bearer ").get("/api/v1/products"), 401, MALFORMED);
    assertError(
        anonymous.withHeader("Authorization", "Basic YWxpY2U6c2VjcmV0").get("/api/v1/products"),
        401,
        "the Authorization header must be 'Bearer <token>'");
  }

  @Test
  void refusesAnUnknownToken() {
    assertError(
        anonymous.withToken(new Secrets().newToken()).get("/api/v1/products"),
        401,
        "unknown API token");
  }

  @Test
  void refusesAnExpiredToken() {
    String secret = new Secrets().newToken();
    Instant created =
        Instant.now().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Instant expired = created.plus(Duration.ofDays(2));
    try (MetadataStore store = MetadataStore.open(StoreConfig.embedded(dataDirectory))) {
      store
          .identity()
          .insertToken(
              new ApiToken(
                  TokenId.random(),
                  Username.of(CAMILLE),
                  Optional.empty(),
                  "old",
                  created,
                  expired,
                  Optional.empty(),
                  Optional.empty()),
              Secrets.sha256(secret));
    }

    assertError(
        anonymous.withToken(secret).get("/api/v1/products"),
        401,
        "API token expired at " + expired);
  }

  @Test
  void createsATokenShownOnceAndNeverListsSecretsOrHashes() {
    Http session = camilleSession();

    Http.Response created =
        session.postJson("/api/v1/tokens", "{\"name\": \"nightly export\", \"days\": 7}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String secret = created.json().path("secret").asText();
    assertThat(secret).matches("cpt_[A-Za-z0-9_-]{43}");
    JsonNode token = created.json().path("token");
    assertThat(token.path("name").asText()).isEqualTo("nightly export");
    assertThat(token.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(
            Duration.between(
                Instant.parse(token.path("createdAt").asText()),
                Instant.parse(token.path("expiresAt").asText())))
        .isEqualTo(Duration.ofDays(7));

    Http.Response listed = session.get("/api/v1/tokens");
    assertThat(listed.body())
        .contains("nightly export", token.path("id").asText())
        .doesNotContain(secret, secret.substring(4), Secrets.sha256(secret), "\"secret\"");
    assertThat(anonymous.withToken(secret).get("/api/v1/me").json().path("username").asText())
        .isEqualTo(CAMILLE);
  }

  @Test
  void revokesATokenEffectiveOnTheVeryNextRequest() {
    String secret =
        camilleSession()
            .postJson("/api/v1/tokens", "{\"name\": \"short-lived\"}")
            .json()
            .path("secret")
            .asText();
    Http holder = anonymous.withToken(secret);
    String id = holder.get("/api/v1/tokens").json().path("items").get(0).path("id").asText();
    assertThat(holder.get("/api/v1/products").status()).isEqualTo(200);

    Http.Response revoked = holder.delete("/api/v1/tokens/" + id);

    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(revoked.json().path("status").asText()).isEqualTo("REVOKED");
    Http.Response next = holder.get("/api/v1/products");
    assertThat(next.status()).isEqualTo(401);
    assertThat(next.errorMessage()).startsWith("API token revoked at ");
  }

  @Test
  void refusesTokensBeyondTheMaximumLifetimeAndRevokingSomeoneElsesToken() {
    Http session = camilleSession();
    String adminTokenId =
        admin.get("/api/v1/tokens").json().path("items").get(0).path("id").asText();

    assertError(
        session.postJson("/api/v1/tokens", "{\"name\": \"forever\", \"days\": 91}"),
        400,
        "token lifetime must be between 1 and 90 days, got 91");
    Http.Response foreign = session.delete("/api/v1/tokens/" + adminTokenId);
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.errorMessage())
        .isEqualTo(
            "API token "
                + adminTokenId
                + " belongs to "
                + Fixtures.ADMIN
                + "; only they or an ADMIN revoke it");
  }

  @Test
  void anAdminManagesUsersAndApplicationsWhoseTokensActForTheirOwner() {
    Http.Response user =
        admin.putJson(
            "/api/v1/users/olivier.proprietaire",
            "{\"displayName\": \"Olivier\", \"email\": \"olivier@example.org\", \"entity\":"
                + " \"BSCC\", \"roles\": [\"DATA_OWNER\"], \"password\": \"olivier-password\"}");
    assertThat(user.status()).as(user.body()).isEqualTo(200);
    assertThat(user.json().path("status").asText()).isEqualTo("ACTIVE");
    assertThat(admin.get("/api/v1/users/olivier.proprietaire").body())
        .contains("\"roles\":[\"DATA_OWNER\"]")
        .doesNotContain("password", "$2");

    Http.Response application =
        admin.putJson(
            "/api/v1/applications/tableau-colis",
            "{\"name\": \"Tableau de bord colis\", \"owner\": \"olivier.proprietaire\"}");
    assertThat(application.status()).as(application.body()).isEqualTo(200);
    assertThat(application.json().path("entity").asText()).isEqualTo("BSCC");
    assertThat(admin.get("/api/v1/applications/tableau-colis").json().path("owner").asText())
        .isEqualTo("olivier.proprietaire");

    Http.Response login = login(anonymous, "olivier.proprietaire", "olivier-password");
    String cookie = login.setCookies().get(0);
    Http olivier = anonymous.withHeader("Cookie", cookie.substring(0, cookie.indexOf(';')));
    Http.Response issued =
        olivier.postJson(
            "/api/v1/tokens", "{\"name\": \"bi\", \"application\": \"tableau-colis\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    Http tableau = anonymous.withToken(issued.json().path("secret").asText());

    JsonNode me = tableau.get("/api/v1/me").json();
    assertThat(me.path("username").asText()).isEqualTo("olivier.proprietaire");
    assertThat(me.path("application").asText()).isEqualTo("tableau-colis");
    Http.Response again = tableau.postJson("/api/v1/tokens", "{\"name\": \"more\"}");
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.errorMessage())
        .isEqualTo(
            "tableau-colis (for olivier.proprietaire) may not issue API tokens: an application"
                + " cannot; its owner logs in to do it");
    Http.Response foreign =
        camilleSession()
            .postJson("/api/v1/tokens", "{\"name\": \"bi\", \"application\": \"tableau-colis\"}");
    assertError(
        foreign, 403, "application tableau-colis is owned by olivier.proprietaire, not " + CAMILLE);
  }

  @Test
  void onlyAnAdminManagesUsersAndApplications() {
    Http session = camilleSession();

    Http.Response read = session.get("/api/v1/users/" + CAMILLE);
    Http.Response write =
        session.putJson(
            "/api/v1/users/" + CAMILLE,
            "{\"displayName\": \"C\", \"entity\": \"BGPN\", \"roles\": [\"ADMIN\"]}");

    assertError(
        read,
        403,
        CAMILLE + " may not manage users and applications: needs ADMIN, has CONSUMER in BGPN");
    assertThat(write.status()).isEqualTo(403);
    assertThat(session.get("/api/v1/applications/tableau-colis").status()).isEqualTo(403);
    assertThat(comptoir.identities().loadUser(Username.of(CAMILLE)).roles())
        .containsExactly(Role.CONSUMER);
  }

  @Test
  void validatesUserAndApplicationBodies() {
    assertError(
        admin.putJson("/api/v1/users/x", "{\"displayName\": \"X\", \"entity\": \"BSCC\"}"),
        400,
        "roles is required (a list of [CONSUMER, DATA_OWNER, DATA_STEWARD, DPO, LEGAL,"
            + " DATA_OFFICE, ADMIN]; may be empty)");
    assertError(
        admin.putJson(
            "/api/v1/users/x",
            "{\"displayName\": \"X\", \"entity\": \"BSCC\", \"roles\": [\"KING\"]}"),
        400,
        "role must be one of CONSUMER, DATA_OWNER, DATA_STEWARD, DPO, LEGAL, DATA_OFFICE, ADMIN,"
            + " got 'KING'");
    assertError(
        admin.putJson(
            "/api/v1/users/x",
            "{\"displayName\": \"X\", \"entity\": \"BSCC\", \"roles\": [], \"password\": \"short\"}"),
        400,
        "password must be at least 8 characters");
    assertError(
        admin.putJson("/api/v1/applications/app", "{\"name\": \"App\", \"owner\": \"ghost\"}"),
        400,
        "owner ghost of application app is not a user");
    assertError(admin.get("/api/v1/users/ghost"), 404, "user not found: ghost");
  }

  private static void assertError(Http.Response response, int status, String message) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    if (status == 401) {
      assertThat(response.wwwAuthenticate()).contains("Bearer realm=\"comptoir\"");
    }
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.errorCode())
        .isEqualTo(
            status == 401 ? "UNAUTHENTICATED" : status == 403 ? "FORBIDDEN" : response.errorCode());
    assertThat(response.errorMessage()).isEqualTo(message);
  }
}

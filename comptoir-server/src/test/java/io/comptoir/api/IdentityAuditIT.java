package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.audit.AuditEvent;
import io.comptoir.audit.AuditQuery;
import io.comptoir.identity.AccountStatus;
import io.comptoir.identity.Role;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins, tokens, users and applications leave records in the audit log. */
class IdentityAuditIT {
  @TempDir Path dataDirectory;

  @Test
  void recordsLoginsTokensUsersAndApplications() {
    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()))) {
      comptoir
          .identities()
          .saveUser(
              new User(
                  Username.of("paul"),
                  "Paul",
                  "",
                  "LBP",
                  Set.of(Role.CONSUMER),
                  AccountStatus.ACTIVE));
      comptoir.identities().setPassword(Username.of("paul"), "un-mot-de-passe");
      ApiServer server = comptoir.startHttp();
      try {
        Http anonymous = new Http(server.url());
        Http admin = anonymous.withToken(Fixtures.adminToken(comptoir));
        assertThat(
                anonymous
                    .postJson("/api/v1/login", "{\"username\": \"paul\", \"password\": \"faux\"}")
                    .status())
            .isEqualTo(401);
        Http.Response login =
            anonymous.postJson(
                "/api/v1/login", "{\"username\": \"paul\", \"password\": \"un-mot-de-passe\"}");
        assertThat(login.status()).isEqualTo(200);
        Http paul = anonymous.withToken(Fixtures.token(comptoir, "paul", "LBP"));
        Http.Response token = paul.postJson("/api/v1/tokens", "{\"name\": \"carnet\"}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        String tokenId = token.json().path("token").path("id").asText();
        assertThat(paul.delete("/api/v1/tokens/" + tokenId).status()).isEqualTo(200);
        assertThat(
                admin
                    .putJson(
                        "/api/v1/users/nina",
                        "{\"displayName\": \"Nina\", \"entity\": \"LBP\", \"roles\": [\"DPO\"]}")
                    .status())
            .isEqualTo(200);
        assertThat(
                admin
                    .putJson(
                        "/api/v1/applications/scoring",
                        "{\"name\": \"Scoring\", \"owner\": \"paul\"}")
                    .status())
            .isEqualTo(200);
      } finally {
        server.close();
      }
      List<AuditEvent> events =
          comptoir
              .audit()
              .search(new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), null));
      assertThat(events)
          .extracting(e -> e.entry().action() + " " + e.entry().actor() + " " + e.entry().target())
          .contains(
              "LOGIN_FAILED paul user:paul",
              "LOGIN_SUCCEEDED paul user:paul",
              "TOKEN_CREATED paul user:paul",
              "TOKEN_REVOKED paul user:paul",
              "USER_SAVED " + Fixtures.ADMIN + " user:nina",
              "APPLICATION_SAVED " + Fixtures.ADMIN + " application:scoring");
      assertThat(comptoir.audit().verify().intact()).isTrue();
    }
  }
}

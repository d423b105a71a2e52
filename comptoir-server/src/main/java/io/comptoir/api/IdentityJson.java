package io.comptoir.api;

import io.comptoir.common.ComptoirException;
import io.comptoir.identity.AccountStatus;
import io.comptoir.identity.ApiToken;
import io.comptoir.identity.Application;
import io.comptoir.identity.ApplicationId;
import io.comptoir.identity.IssuedToken;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** JSON shapes of the identity routes. Token secrets appear only in {@link IssuedTokenJson}. */
final class IdentityJson {
  private IdentityJson() {}

  record LoginJson(String username, String password) {}

  record MeJson(
      String username,
      String displayName,
      String email,
      String entity,
      List<String> roles,
      String application) {
    static MeJson of(Principal principal, User user) {
      return new MeJson(
          principal.user().value(),
          user.displayName(),
          user.email(),
          principal.entity(),
          IdentityJson.roles(principal.roles()),
          principal.application().map(ApplicationId::value).orElse(null));
    }
  }

  record TokenInputJson(String name, Integer days, String application) {}

  record TokenJson(
      String id,
      String name,
      String user,
      String application,
      String status,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      Instant lastUsedAt) {
    static TokenJson of(ApiToken token, Instant now) {
      String status = token.revoked() ? "REVOKED" : token.expiredAt(now) ? "EXPIRED" : "ACTIVE";
      return new TokenJson(
          token.id().value(),
          token.name(),
          token.user().value(),
          token.application().map(ApplicationId::value).orElse(null),
          status,
          token.createdAt(),
          token.expiresAt(),
          token.revokedAt().orElse(null),
          token.lastUsedAt().orElse(null));
    }
  }

  /** The only response carrying a token's secret: shown once, at creation. */
  record IssuedTokenJson(String secret, TokenJson token) {
    static IssuedTokenJson of(IssuedToken issued, Instant now) {
      return new IssuedTokenJson(issued.secret(), TokenJson.of(issued.token(), now));
    }
  }

  record UserInputJson(
      String displayName,
      String email,
      String entity,
      List<String> roles,
      String status,
      String password) {
    User toUser(Username username) {
      return new User(username, displayName, email, entity, parseRoles(roles), parseStatus(status));
    }
  }

  record UserJson(
      String username,
      String displayName,
      String email,
      String entity,
      List<String> roles,
      String status) {
    static UserJson of(User user) {
      return new UserJson(
          user.username().value(),
          user.displayName(),
          user.email(),
          user.entity(),
          IdentityJson.roles(user.roles()),
          user.status().name());
    }
  }

  record ApplicationInputJson(String name, String owner, String entity, String status) {}

  record ApplicationJson(String id, String name, String owner, String entity, String status) {
    static ApplicationJson of(Application application) {
      return new ApplicationJson(
          application.id().value(),
          application.name(),
          application.owner().value(),
          application.entity(),
          application.status().name());
    }
  }

  static List<String> roles(Set<Role> roles) {
    return roles.stream().sorted().map(Role::name).toList();
  }

  static Set<Role> parseRoles(List<String> names) {
    if (names == null) {
      throw ComptoirException.invalidInput(
          "roles is required (a list of %s; may be empty)", List.of(Role.values()));
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names.stream().filter(Objects::nonNull).toList()) {
      roles.add(Parameters.parseEnum("role", name, Role.class));
    }
    return roles;
  }

  static AccountStatus parseStatus(String status) {
    return status == null
        ? AccountStatus.ACTIVE
        : Parameters.parseEnum("status", status, AccountStatus.class);
  }
}

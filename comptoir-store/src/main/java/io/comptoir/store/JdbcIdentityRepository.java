package io.comptoir.store;

import static io.comptoir.store.Database.instant;
import static io.comptoir.store.Database.instantOrNull;
import static io.comptoir.store.Database.optionalInstant;
import static io.comptoir.store.Database.optionalText;
import static io.comptoir.store.Database.textOrNull;
import static io.comptoir.store.Database.update;
import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.NotFoundException;
import io.comptoir.identity.AccountStatus;
import io.comptoir.identity.ApiToken;
import io.comptoir.identity.Application;
import io.comptoir.identity.ApplicationId;
import io.comptoir.identity.IdentityRepository;
import io.comptoir.identity.Role;
import io.comptoir.identity.TokenId;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link IdentityRepository} on SQLite or PostgreSQL. */
final class JdbcIdentityRepository implements IdentityRepository {
  private static final String USER_FIELDS = "username, display_name, email, entity_code, status";
  private static final String TOKEN_FIELDS =
      "id, username, application_id, name, created_at, expires_at, revoked_at, last_used_at";

  private final Database database;

  JdbcIdentityRepository(Database database) {
    this.database = requireNonNull(database, "database is null");
  }

  @Override
  public void saveUser(User user) {
    requireNonNull(user, "user is null");
    String username = user.username().value();
    database.run(
        "save user " + username,
        connection -> {
          update(
              connection,
              "INSERT INTO users ("
                  + USER_FIELDS
                  + ") VALUES (?, ?, ?, ?, ?)"
                  + " ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name,"
                  + " email = excluded.email, entity_code = excluded.entity_code,"
                  + " status = excluded.status",
              username,
              user.displayName(),
              user.email(),
              user.entity(),
              user.status().name());
          update(connection, "DELETE FROM user_roles WHERE username = ?", username);
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "INSERT INTO user_roles (username, role) VALUES (?, ?)")) {
            for (Role role : user.roles()) {
              statement.setString(1, username);
              statement.setString(2, role.name());
              statement.addBatch();
            }
            statement.executeBatch();
          }
        });
  }

  @Override
  public Optional<User> findUser(Username username) {
    requireNonNull(username, "username is null");
    return database.call(
        "find user " + username,
        connection -> {
          List<User> users = readUsers(connection, " WHERE username = ?", username.value());
          return users.stream().findFirst();
        });
  }

  @Override
  public List<User> listUsers() {
    return database.call("list users", connection -> readUsers(connection, "", null));
  }

  private static List<User> readUsers(Connection connection, String where, String parameter)
      throws SQLException {
    Map<String, Set<Role>> roles = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT username, role FROM user_roles" + where)) {
      if (parameter != null) {
        statement.setString(1, parameter);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          roles
              .computeIfAbsent(rows.getString("username"), key -> EnumSet.noneOf(Role.class))
              .add(Role.valueOf(rows.getString("role")));
        }
      }
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT " + USER_FIELDS + " FROM users" + where + " ORDER BY username")) {
      if (parameter != null) {
        statement.setString(1, parameter);
      }
      try (ResultSet rows = statement.executeQuery()) {
        List<User> users = new ArrayList<>();
        while (rows.next()) {
          String username = rows.getString("username");
          users.add(
              new User(
                  Username.of(username),
                  rows.getString("display_name"),
                  rows.getString("email"),
                  rows.getString("entity_code"),
                  roles.getOrDefault(username, Set.of()),
                  AccountStatus.valueOf(rows.getString("status"))));
        }
        return users;
      }
    }
  }

  @Override
  public void savePasswordHash(Username username, String passwordHash) {
    requireNonNull(username, "username is null");
    requireNonNull(passwordHash, "passwordHash is null");
    database.run(
        "save the password of " + username,
        connection -> {
          if (update(
                  connection,
                  "UPDATE users SET password_hash = ? WHERE username = ?",
                  passwordHash,
                  username.value())
              == 0) {
            throw new NotFoundException("user", username);
          }
        });
  }

  @Override
  public Optional<String> findPasswordHash(Username username) {
    requireNonNull(username, "username is null");
    return database.call(
        "find the password of " + username,
        connection -> {
          try (PreparedStatement statement =
              connection.prepareStatement("SELECT password_hash FROM users WHERE username = ?")) {
            statement.setString(1, username.value());
            try (ResultSet rows = statement.executeQuery()) {
              return rows.next() ? optionalText(rows, "password_hash") : Optional.empty();
            }
          }
        });
  }

  @Override
  public void saveApplication(Application application) {
    requireNonNull(application, "application is null");
    database.run(
        "save application " + application.id(),
        connection ->
            update(
                connection,
                "INSERT INTO applications (id, name, owner_username, entity_code, status)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                    + " owner_username = excluded.owner_username,"
                    + " entity_code = excluded.entity_code, status = excluded.status",
                application.id().value(),
                application.name(),
                application.owner().value(),
                application.entity(),
                application.status().name()));
  }

  @Override
  public Optional<Application> findApplication(ApplicationId id) {
    requireNonNull(id, "id is null");
    return database.call(
        "find application " + id,
        connection ->
            readApplications(connection, " WHERE id = ?", id.value()).stream().findFirst());
  }

  @Override
  public List<Application> listApplications() {
    return database.call("list applications", connection -> readApplications(connection, "", null));
  }

  private static List<Application> readApplications(
      Connection connection, String where, String parameter) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id, name, owner_username, entity_code, status FROM applications"
                + where
                + " ORDER BY id")) {
      if (parameter != null) {
        statement.setString(1, parameter);
      }
      try (ResultSet rows = statement.executeQuery()) {
        List<Application> applications = new ArrayList<>();
        while (rows.next()) {
          applications.add(
              new Application(
                  ApplicationId.of(rows.getString("id")),
                  rows.getString("name"),
                  Username.of(rows.getString("owner_username")),
                  rows.getString("entity_code"),
                  AccountStatus.valueOf(rows.getString("status"))));
        }
        return applications;
      }
    }
  }

  @Override
  public void insertToken(ApiToken token, String secretHash) {
    requireNonNull(token, "token is null");
    requireNonNull(secretHash, "secretHash is null");
    try {
      database.run(
          "insert API token " + token.id(),
          connection ->
              update(
                  connection,
                  "INSERT INTO api_tokens (secret_hash, "
                      + TOKEN_FIELDS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  secretHash,
                  token.id().value(),
                  token.user().value(),
                  textOrNull(token.application().map(ApplicationId::value)),
                  token.name(),
                  token.createdAt(),
                  token.expiresAt(),
                  instantOrNull(token.revokedAt()),
                  instantOrNull(token.lastUsedAt())));
    } catch (ComptoirException e) {
      if (e.getCause() instanceof SQLException sql && database.dialect().isUniqueViolation(sql)) {
        throw ComptoirException.conflict("API token %s or its secret already exists", token.id());
      }
      throw e;
    }
  }

  @Override
  public Optional<ApiToken> findToken(TokenId id) {
    requireNonNull(id, "id is null");
    return database.call(
        "find API token " + id,
        connection -> readTokens(connection, "id = ?", id.value()).stream().findFirst());
  }

  @Override
  public Optional<ApiToken> findTokenByHash(String secretHash) {
    requireNonNull(secretHash, "secretHash is null");
    return database.call(
        "find an API token",
        connection -> readTokens(connection, "secret_hash = ?", secretHash).stream().findFirst());
  }

  @Override
  public List<ApiToken> listTokens(Username user) {
    requireNonNull(user, "user is null");
    return database.call(
        "list the API tokens of " + user,
        connection -> readTokens(connection, "username = ?", user.value()));
  }

  private static List<ApiToken> readTokens(Connection connection, String where, String parameter)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT "
                + TOKEN_FIELDS
                + " FROM api_tokens WHERE "
                + where
                + " ORDER BY created_at DESC, id")) {
      statement.setString(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        List<ApiToken> tokens = new ArrayList<>();
        while (rows.next()) {
          tokens.add(
              new ApiToken(
                  new TokenId(rows.getString("id")),
                  Username.of(rows.getString("username")),
                  optionalText(rows, "application_id").map(ApplicationId::of),
                  rows.getString("name"),
                  instant(rows, "created_at"),
                  instant(rows, "expires_at"),
                  optionalInstant(rows, "revoked_at"),
                  optionalInstant(rows, "last_used_at")));
        }
        return tokens;
      }
    }
  }

  @Override
  public void revokeToken(TokenId id, Instant revokedAt) {
    requireNonNull(id, "id is null");
    requireNonNull(revokedAt, "revokedAt is null");
    database.run(
        "revoke API token " + id,
        connection ->
            update(
                connection,
                "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                revokedAt,
                id.value()));
  }

  @Override
  public void touchToken(TokenId id, Instant usedAt) {
    requireNonNull(id, "id is null");
    requireNonNull(usedAt, "usedAt is null");
    database.run(
        "record the use of API token " + id,
        connection ->
            update(
                connection,
                "UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
                usedAt,
                id.value()));
  }
}

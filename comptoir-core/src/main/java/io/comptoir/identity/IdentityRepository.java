package io.comptoir.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of users, applications and API tokens. */
public interface IdentityRepository {
  /** Inserts or updates by username, roles included; the password hash is left unchanged. */
  void saveUser(User user);

  Optional<User> findUser(Username username);

  /** Users ordered by username. */
  List<User> listUsers();

  /** Sets the password hash of an existing user. */
  void savePasswordHash(Username username, String passwordHash);

  /** Empty when the user does not exist or has no password (token-only accounts). */
  Optional<String> findPasswordHash(Username username);

  /** Inserts or updates by id. */
  void saveApplication(Application application);

  Optional<Application> findApplication(ApplicationId id);

  /** Applications ordered by id. */
  List<Application> listApplications();

  /** Inserts a new token with the hash of its secret; a hash already stored is a CONFLICT. */
  void insertToken(ApiToken token, String secretHash);

  Optional<ApiToken> findToken(TokenId id);

  Optional<ApiToken> findTokenByHash(String secretHash);

  /** Tokens of a user, its applications' included, newest first. */
  List<ApiToken> listTokens(Username user);

  /** Marks a token revoked; revoking again keeps the first instant. */
  void revokeToken(TokenId id, Instant revokedAt);

  /** Records when a token was last used. */
  void touchToken(TokenId id, Instant usedAt);
}

package io.comptoir.identity;

import io.comptoir.common.ComptoirException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@link IdentityRepository} in maps, for service tests. */
final class InMemoryIdentityRepository implements IdentityRepository {
  private final Map<String, User> users = new TreeMap<>();
  private final Map<String, String> passwordHashes = new HashMap<>();
  private final Map<String, Application> applications = new TreeMap<>();
  private final Map<TokenId, ApiToken> tokens = new HashMap<>();
  private final Map<String, TokenId> tokensByHash = new HashMap<>();
  int touches;

  @Override
  public synchronized void saveUser(User user) {
    users.put(user.username().value(), user);
  }

  @Override
  public synchronized Optional<User> findUser(Username username) {
    return Optional.ofNullable(users.get(username.value()));
  }

  @Override
  public synchronized List<User> listUsers() {
    return List.copyOf(users.values());
  }

  @Override
  public synchronized void savePasswordHash(Username username, String passwordHash) {
    passwordHashes.put(username.value(), passwordHash);
  }

  @Override
  public synchronized Optional<String> findPasswordHash(Username username) {
    return Optional.ofNullable(passwordHashes.get(username.value()));
  }

  @Override
  public synchronized void saveApplication(Application application) {
    applications.put(application.id().value(), application);
  }

  @Override
  public synchronized Optional<Application> findApplication(ApplicationId id) {
    return Optional.ofNullable(applications.get(id.value()));
  }

  @Override
  public synchronized List<Application> listApplications() {
    return List.copyOf(applications.values());
  }

  @Override
  public synchronized void insertToken(ApiToken token, String secretHash) {
    if (tokensByHash.containsKey(secretHash) || tokens.containsKey(token.id())) {
      throw ComptoirException.conflict("token %s already exists", token.id());
    }
    tokens.put(token.id(), token);
    tokensByHash.put(secretHash, token.id());
  }

  @Override
  public synchronized Optional<ApiToken> findToken(TokenId id) {
    return Optional.ofNullable(tokens.get(id));
  }

  @Override
  public synchronized Optional<ApiToken> findTokenByHash(String secretHash) {
    return Optional.ofNullable(tokensByHash.get(secretHash)).map(tokens::get);
  }

  @Override
  public synchronized List<ApiToken> listTokens(Username user) {
    List<ApiToken> found = new ArrayList<>();
    for (ApiToken token : tokens.values()) {
      if (token.user().equals(user)) {
        found.add(token);
      }
    }
    found.sort(Comparator.comparing(ApiToken::createdAt).reversed());
    return found;
  }

  @Override
  public synchronized void revokeToken(TokenId id, Instant revokedAt) {
    ApiToken token = tokens.get(id);
    if (token != null && !token.revoked()) {
      tokens.put(id, token.revoke(revokedAt));
    }
  }

  @Override
  public synchronized void touchToken(TokenId id, Instant usedAt) {
    touches++;
    tokens.computeIfPresent(id, (key, token) -> token.usedAt(usedAt));
  }
}

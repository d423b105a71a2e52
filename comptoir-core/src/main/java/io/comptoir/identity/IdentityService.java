package io.comptoir.identity;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.NotFoundException;
import io.comptoir.common.ShortCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users, applications and API tokens. Token secrets are random, returned once by {@link
 * #issueToken} and stored only as SHA-256 hashes; passwords are hashed by the {@link
 * PasswordHasher}.
 */
public final class IdentityService {
  /** Shortest password accepted. */
  public static final int MIN_PASSWORD_LENGTH = 8;

  /** A token's last use is recorded at most this often, so reads do not all write. */
  static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

  private final IdentityRepository repository;
  private final PasswordHasher hasher;
  private final Secrets secrets;
  private final Clock clock;
  private final int maxTokenDays;

  /**
   * What a token authenticates, by secret hash, for {@link #LOOKUP_LIFETIME}: emptied by every
   * write of this service (a revoked token, a disabled user or application is refused on the very
   * next request); another process's writes are seen once the lifetime is over.
   */
  private final ShortCache<String, Authenticated> authenticated;

  /** How long a token's lookup is reused by the requests that follow. */
  public static final Duration LOOKUP_LIFETIME = Duration.ofSeconds(1);

  /** A token and the principal it authenticates, as the store had them. */
  private record Authenticated(ApiToken token, Principal principal) {}

  /**
   * @param maxTokenDays the longest lifetime of a token, in days (configuration key {@code
   *     token-max-days})
   */
  public IdentityService(
      IdentityRepository repository,
      PasswordHasher hasher,
      Secrets secrets,
      Clock clock,
      int maxTokenDays) {
    this.repository = requireNonNull(repository, "repository is null");
    this.hasher = requireNonNull(hasher, "hasher is null");
    this.secrets = requireNonNull(secrets, "secrets is null");
    this.clock = requireNonNull(clock, "clock is null");
    if (maxTokenDays < 1) {
      throw ComptoirException.invalidInput("token-max-days must be >= 1, got %d", maxTokenDays);
    }
    this.maxTokenDays = maxTokenDays;
    this.authenticated = new ShortCache<>(LOOKUP_LIFETIME, 10_000);
  }

  public int maxTokenDays() {
    return maxTokenDays;
  }

  public Clock clock() {
    return clock;
  }

  // users

  public User saveUser(User user) {
    requireNonNull(user, "user is null");
    repository.saveUser(user);
    authenticated.invalidate();
    return user;
  }

  public Optional<User> findUser(Username username) {
    return repository.findUser(requireNonNull(username, "username is null"));
  }

  public User loadUser(Username username) {
    return findUser(username).orElseThrow(() -> new NotFoundException("user", username));
  }

  public List<User> listUsers() {
    return repository.listUsers();
  }

  /** Sets the password of an existing user, hashed. */
  public void setPassword(Username username, String password) {
    loadUser(username);
    checkPassword(password);
    repository.savePasswordHash(username, hasher.hash(password));
    authenticated.invalidate();
  }

  /** Refuses a password too short to be set, before anything is saved. */
  public static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw ComptoirException.invalidInput(
          "password must be at least %d characters", MIN_PASSWORD_LENGTH);
    }
  }

  /** The principal of an active user, for a session: roles are read again on every call. */
  public Principal principal(Username username) {
    User user =
        findUser(username)
            .orElseThrow(
                () ->
                    new ComptoirException(
                        ErrorCode.UNAUTHENTICATED, "user " + username + " no longer exists"));
    if (!user.active()) {
      throw new ComptoirException(ErrorCode.UNAUTHENTICATED, "user " + username + " is disabled");
    }
    return Principal.of(user);
  }

  // applications

  /** Inserts or updates an application; its owner must be a user. */
  public Application saveApplication(Application application) {
    requireNonNull(application, "application is null");
    if (repository.findUser(application.owner()).isEmpty()) {
      throw ComptoirException.invalidInput(
          "owner %s of application %s is not a user", application.owner(), application.id());
    }
    repository.saveApplication(application);
    authenticated.invalidate();
    return application;
  }

  public Optional<Application> findApplication(ApplicationId id) {
    return repository.findApplication(requireNonNull(id, "id is null"));
  }

  public Application loadApplication(ApplicationId id) {
    return findApplication(id).orElseThrow(() -> new NotFoundException("application", id));
  }

  public List<Application> listApplications() {
    return repository.listApplications();
  }

  // tokens

  /**
   * Issues a token to a user, or to one of the user's applications, valid for the given number of
   * days (1 to {@link #maxTokenDays()}). The secret is in the result and nowhere else.
   */
  public IssuedToken issueToken(
      Username user, Optional<ApplicationId> application, String name, int days) {
    requireNonNull(application, "application is null");
    User owner = loadUser(user);
    if (!owner.active()) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN, "user " + user + " is disabled: no token can be issued");
    }
    if (days < 1 || days > maxTokenDays) {
      throw ComptoirException.invalidInput(
          "token lifetime must be between 1 and %d days, got %d", maxTokenDays, days);
    }
    if (application.isPresent()) {
      Application found = loadApplication(application.get());
      if (!found.owner().equals(user)) {
        throw new ComptoirException(
            ErrorCode.FORBIDDEN,
            "application " + found.id() + " is owned by " + found.owner() + ", not " + user);
      }
      if (!found.active()) {
        throw new ComptoirException(
            ErrorCode.FORBIDDEN, "application " + found.id() + " is disabled");
      }
    }
    Instant now = clock.instant();
    ApiToken token =
        new ApiToken(
            TokenId.random(),
            user,
            application,
            name,
            now,
            now.plus(Duration.ofDays(days)),
            Optional.empty(),
            Optional.empty());
    String secret = secrets.newToken();
    repository.insertToken(token, Secrets.sha256(secret));
    return new IssuedToken(token, secret);
  }

  /**
   * The principal a bearer token authenticates. Malformed, unknown, expired and revoked tokens, and
   * tokens of disabled users or applications, are UNAUTHENTICATED with a message saying which.
   */
  public Principal authenticate(String secret) {
    if (!Secrets.looksLikeToken(secret)) {
      throw unauthenticated(
          "malformed API token: expected " + Secrets.TOKEN_PREFIX + " and 43 base64url characters");
    }
    String hash = Secrets.sha256(secret);
    Authenticated found = authenticated.get(hash, this::lookUp);
    ApiToken token = found.token();
    Instant now = clock.instant();
    if (token.expiredAt(now)) {
      throw unauthenticated("API token expired at " + token.expiresAt());
    }
    if (token.lastUsedAt().map(last -> last.plus(LAST_USE_PRECISION).isBefore(now)).orElse(true)) {
      repository.touchToken(token.id(), now);
      authenticated.forget(hash);
    }
    return found.principal();
  }

  /** The token of a secret hash and its principal; refused tokens throw and are not cached. */
  private Authenticated lookUp(String hash) {
    ApiToken token =
        repository.findTokenByHash(hash).orElseThrow(() -> unauthenticated("unknown API token"));
    Instant now = clock.instant();
    if (token.revoked()) {
      throw unauthenticated("API token revoked at " + token.revokedAt().get());
    }
    if (token.expiredAt(now)) {
      throw unauthenticated("API token expired at " + token.expiresAt());
    }
    User user =
        repository
            .findUser(token.user())
            .orElseThrow(() -> unauthenticated("user " + token.user() + " no longer exists"));
    if (!user.active()) {
      throw unauthenticated("user " + user.username() + " is disabled");
    }
    Principal principal = Principal.of(user);
    if (token.application().isPresent()) {
      ApplicationId id = token.application().get();
      Application application =
          repository
              .findApplication(id)
              .orElseThrow(() -> unauthenticated("application " + id + " no longer exists"));
      if (!application.active()) {
        throw unauthenticated("application " + id + " is disabled");
      }
      principal = Principal.of(application, user);
    }
    return new Authenticated(token, principal);
  }

  public ApiToken loadToken(TokenId id) {
    return repository
        .findToken(requireNonNull(id, "id is null"))
        .orElseThrow(() -> new NotFoundException("API token", id));
  }

  /** Tokens of the user and of its applications, newest first; never their secrets. */
  public List<ApiToken> listTokens(Username user) {
    return repository.listTokens(requireNonNull(user, "user is null"));
  }

  /**
   * Revokes a token of the caller's (or any token, for an administrator); effective on the very
   * next request. Revoking a revoked token changes nothing.
   */
  public ApiToken revokeToken(Principal caller, TokenId id) {
    requireNonNull(caller, "caller is null");
    ApiToken token = loadToken(id);
    if (!token.user().equals(caller.user()) && !caller.isAdmin()) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          "API token " + id + " belongs to " + token.user() + "; only they or an ADMIN revoke it");
    }
    if (token.revoked()) {
      return token;
    }
    Instant now = clock.instant();
    repository.revokeToken(id, now);
    authenticated.invalidate();
    return token.revoke(now);
  }

  private static ComptoirException unauthenticated(String message) {
    return new ComptoirException(ErrorCode.UNAUTHENTICATED, message);
  }
}

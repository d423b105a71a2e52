package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.identity.Secrets;
import io.comptoir.identity.Username;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Login sessions, in memory: a random id (256 bits, sent as an HttpOnly cookie) maps to a user. A
 * session ends after an idle period without requests, or at logout. They do not survive a restart
 * and are not shared between replicas (a shared store comes with the scale-out path).
 */
public final class Sessions {
  private record Session(Username user, Instant lastSeen) {}

  private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final Secrets secrets;
  private final Clock clock;
  private final Duration idleTimeout;

  public Sessions(Secrets secrets, Clock clock, Duration idleTimeout) {
    this.secrets = requireNonNull(secrets, "secrets is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idle timeout must be positive, got " + idleTimeout);
    }
  }

  public Clock clock() {
    return clock;
  }

  /** Starts a session for the user and returns its id; idle sessions are dropped on the way. */
  public String create(Username user) {
    requireNonNull(user, "user is null");
    Instant now = clock.instant();
    sessions.values().removeIf(session -> idle(session, now));
    String id = secrets.randomText();
    sessions.put(id, new Session(user, now));
    return id;
  }

  /** The user of a live session, whose idle period starts again; empty when unknown or idle. */
  public Optional<Username> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (idle(session, now)) {
      sessions.remove(id, session);
      return Optional.empty();
    }
    sessions.replace(id, session, new Session(session.user(), now));
    return Optional.of(session.user());
  }

  /** Ends a session; unknown ids are ignored. */
  public void remove(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Sessions alive or not yet swept, for tests. */
  int size() {
    return sessions.size();
  }

  private boolean idle(Session session, Instant now) {
    return !session.lastSeen().plus(idleTimeout).isAfter(now);
  }
}

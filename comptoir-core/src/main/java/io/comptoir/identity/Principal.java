package io.comptoir.identity;

import static io.comptoir.common.Validation.requireCode;
import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a request runs as: a user, or an application acting for its owning user. Roles are the
 * user's; the entity is the application's when there is one, else the user's.
 */
public record Principal(
    Username user, String entity, Set<Role> roles, Optional<ApplicationId> application) {

  public Principal {
    requireNonNull(user, "user is null");
    requireCode(entity, "principal entity");
    requireNonNull(roles, "roles is null");
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    requireNonNull(application, "application is null");
  }

  public static Principal of(User user) {
    return new Principal(user.username(), user.entity(), user.roles(), Optional.empty());
  }

  public static Principal of(Application application, User owner) {
    return new Principal(
        owner.username(), application.entity(), owner.roles(), Optional.of(application.id()));
  }

  /** "olivier.proprietaire", or "tableau-colis (for olivier.proprietaire)" for an application. */
  public String name() {
    return application.map(id -> id + " (for " + user + ")").orElse(user.value());
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  public boolean isAdmin() {
    return hasRole(Role.ADMIN);
  }

  /** Whether it holds the role and belongs to the entity. */
  public boolean hasRoleIn(Role role, String entityCode) {
    return hasRole(role) && entity.equals(entityCode);
  }

  @Override
  public String toString() {
    return name();
  }
}

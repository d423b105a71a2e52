package io.comptoir.identity;

import static io.comptoir.common.Validation.requireCode;
import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;

/**
 * A person with an account: member of one entity, holding roles. The password hash is kept apart
 * (see {@link IdentityRepository#findPasswordHash}), never in this value.
 */
public record User(
    Username username,
    String displayName,
    String email,
    String entity,
    Set<Role> roles,
    AccountStatus status) {

  public User {
    requireNonNull(username, "username is null");
    requireText(displayName, "user display name");
    email = email == null ? "" : email;
    requireCode(entity, "user entity");
    requireNonNull(roles, "roles is null");
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    requireNonNull(status, "status is null");
  }

  public boolean active() {
    return status == AccountStatus.ACTIVE;
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }
}

package io.comptoir.identity;

import static io.comptoir.common.Validation.requireCode;
import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

/**
 * A service account (a script, a BI tool, a notebook) owned by a user. It acts for its owner, with
 * the owner's roles, within its own entity.
 */
public record Application(
    ApplicationId id, String name, Username owner, String entity, AccountStatus status) {

  public Application {
    requireNonNull(id, "id is null");
    requireText(name, "application name");
    requireNonNull(owner, "owner is null");
    requireCode(entity, "application entity");
    requireNonNull(status, "status is null");
  }

  public boolean active() {
    return status == AccountStatus.ACTIVE;
  }
}

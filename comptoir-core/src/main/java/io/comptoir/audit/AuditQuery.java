package io.comptoir.audit;

import io.comptoir.common.PageRequest;
import java.util.Optional;

/** Filters on the audit log; empty filters match everything. */
public record AuditQuery(
    Optional<String> actor, Optional<String> action, Optional<String> target, PageRequest page) {
  public AuditQuery {
    actor = actor == null ? Optional.empty() : actor;
    action = action == null ? Optional.empty() : action;
    target = target == null ? Optional.empty() : target;
    page = page == null ? PageRequest.first(PageRequest.DEFAULT_LIMIT) : page;
  }
}

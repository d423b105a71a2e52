package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.audit.AuditEvent;
import io.comptoir.audit.AuditQuery;
import io.comptoir.audit.AuditService;
import io.comptoir.audit.AuditVerification;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The audit log, for administrators, the DPO and the data office. */
final class AuditRoutes {
  private final AuditService audit;

  AuditRoutes(AuditService audit) {
    this.audit = requireNonNull(audit, "audit is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/audit", this::search);
    routes.get("/api/v1/audit/verify", this::verify);
  }

  record EventOut(
      long sequence,
      Instant occurredAt,
      String actor,
      String action,
      String target,
      Map<String, String> details,
      String previousHash,
      String hash) {
    static EventOut of(AuditEvent event) {
      return new EventOut(
          event.sequence(),
          event.occurredAt(),
          event.entry().actor(),
          event.entry().action(),
          event.entry().target(),
          event.entry().details(),
          event.previousHash(),
          event.hash());
    }
  }

  record VerificationOut(
      boolean intact,
      long recordsChecked,
      Long firstBrokenSequence,
      String problem,
      String lastHash) {
    static VerificationOut of(AuditVerification verification) {
      return new VerificationOut(
          verification.intact(),
          verification.recordsChecked(),
          verification.firstBrokenSequence().orElse(null),
          verification.problem().orElse(null),
          verification.lastHash());
    }
  }

  private void search(Context context) {
    requireAuditor(Caller.principal(context));
    List<EventOut> events =
        audit
            .search(
                new AuditQuery(
                    Parameters.string(context, "actor"),
                    Parameters.string(context, "action"),
                    Parameters.string(context, "target"),
                    Parameters.page(context)))
            .stream()
            .map(EventOut::of)
            .toList();
    context.json(new CatalogJson.Items<>(events));
  }

  private void verify(Context context) {
    requireAuditor(Caller.principal(context));
    context.json(VerificationOut.of(audit.verify()));
  }

  private static void requireAuditor(Principal principal) {
    if (principal.isAdmin() || principal.hasRole(Role.DPO) || principal.hasRole(Role.DATA_OFFICE)) {
      return;
    }
    throw new ComptoirException(
        ErrorCode.FORBIDDEN,
        principal.name() + " may not read the audit log: needs ADMIN, DPO or DATA_OFFICE");
  }
}

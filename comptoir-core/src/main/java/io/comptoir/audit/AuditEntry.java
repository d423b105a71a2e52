package io.comptoir.audit;

import static io.comptoir.common.Validation.requireText;
import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What happened, before it is chained into the log.
 *
 * @param actor who did it: a user name, an application, or {@code system}
 * @param action an upper-case verb phrase such as {@code INGESTION_SUCCEEDED} or {@code
 *     CONTRACT_REVOKED}
 * @param target what it was done to, such as {@code product:colis-suivi}
 * @param details facts of the event, ordered by key
 */
public record AuditEntry(
    String actor, String action, String target, SortedMap<String, String> details) {
  private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

  public AuditEntry {
    requireText(actor, "audit actor");
    if (action == null || !ACTION.matcher(action).matches()) {
      throw ComptoirException.invalidInput(
          "audit action must be UPPER_SNAKE_CASE (2-64 chars), got '%s'", action);
    }
    requireText(target, "audit target");
    requireNonNull(details, "details is null");
    TreeMap<String, String> copy = new TreeMap<>();
    details.forEach(
        (key, value) ->
            copy.put(requireNonNull(key, "detail key is null"), value == null ? "" : value));
    details = Collections.unmodifiableSortedMap(copy);
  }

  public static AuditEntry of(
      String actor, String action, String target, Map<String, String> details) {
    return new AuditEntry(actor, action, target, new TreeMap<>(details));
  }
}

package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * When a flow runs: on a cron schedule, when files arrive (file-drop sources), and always on
 * demand.
 *
 * @param cron a Unix cron expression (5 fields, UTC), checked by the flow parser
 */
public record Trigger(Optional<String> cron, boolean fileArrival) {
  public Trigger {
    requireNonNull(cron, "cron is null");
  }

  public static Trigger manual() {
    return new Trigger(Optional.empty(), false);
  }
}

package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.net.URI;
import java.util.Optional;

/** Where a flow's alerts go: a webhook receiving a JSON POST on failure, reject rate and drift. */
public record Alerts(Optional<URI> webhook) {
  public Alerts {
    requireNonNull(webhook, "webhook is null");
    webhook.ifPresent(
        uri -> {
          if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw ComptoirException.invalidInput("webhook must be an http(s) URL, got '%s'", uri);
          }
        });
  }

  public static Alerts none() {
    return new Alerts(Optional.empty());
  }
}

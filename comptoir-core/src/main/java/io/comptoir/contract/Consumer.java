package io.comptoir.contract;

import static io.comptoir.common.Validation.requireCode;
import static io.comptoir.common.Validation.requireText;

import java.util.Optional;

/**
 * Who will read the data: a user, or an application owned by a user.
 *
 * @param user the requesting user (the owner of the application when there is one)
 * @param application the application that will read, if any
 * @param entity the legal entity the consumer belongs to
 */
public record Consumer(String user, Optional<String> application, String entity) {
  public Consumer {
    requireText(user, "consumer user");
    application = application == null ? Optional.empty() : application;
    requireCode(entity, "consumer entity");
  }

  /** Whether a principal named {@code name} reads under this consumer. */
  public boolean isReader(String name, Optional<String> readingApplication) {
    return application.isPresent()
        ? readingApplication.equals(application)
        : readingApplication.isEmpty() && user.equals(name);
  }
}

package io.comptoir.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the metadata lives.
 *
 * @param jdbcUrl a PostgreSQL JDBC URL; empty for the embedded SQLite file under the data directory
 */
public record StoreConfig(
    Optional<String> jdbcUrl, String user, String password, Path dataDirectory) {
  public StoreConfig {
    jdbcUrl = jdbcUrl == null ? Optional.empty() : jdbcUrl.filter(u -> !u.isBlank());
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    requireNonNull(dataDirectory, "dataDirectory is null");
  }

  public static StoreConfig embedded(Path dataDirectory) {
    return new StoreConfig(Optional.empty(), "", "", dataDirectory);
  }
}

package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

import io.comptoir.flow.FileDropSource;
import io.comptoir.flow.FlowSource;
import io.comptoir.flow.HttpSource;
import io.comptoir.flow.JdbcSource;
import io.comptoir.flow.KafkaSource;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.lineage.OpenLineageEvents.Source;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Names the dataset an ingestion run read, following the OpenLineage naming conventions: a file as
 * {@code file://host} and its absolute path, a table as {@code postgres://host:port} (or {@code
 * mysql://}) and {@code database.schema.table}, a topic as {@code kafka://host:port} and its name,
 * an HTTP API as its scheme, host and port, and its path. An upload or an import (no flow) is a
 * file of this host named as it was given.
 */
public final class IngestionSources {
  private final Function<String, Optional<FlowSource>> flows;
  private final String host;
  private final Path dataDirectory;

  /**
   * @param flows the source of a flow, by flow id (its latest definition)
   * @param host this machine's name, for files
   * @param dataDirectory what a drop zone's relative directory is relative to
   */
  public IngestionSources(
      Function<String, Optional<FlowSource>> flows, String host, Path dataDirectory) {
    this.flows = requireNonNull(flows, "flows is null");
    this.host = requireNonNull(host, "host is null");
    this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
  }

  public Source of(IngestionRun run) {
    Optional<FlowSource> source = run.flow().flatMap(flows);
    if (source.isEmpty()) {
      return file(run.source());
    }
    FlowSource flow = source.get();
    if (flow instanceof FileDropSource drop) {
      return file(
          dataDirectory
              .resolve(drop.directory())
              .toAbsolutePath()
              .normalize()
              .resolve(run.source())
              .toString());
    }
    if (flow instanceof KafkaSource kafka) {
      String server = kafka.bootstrapServers().split(",")[0].strip();
      return new Source(new DatasetRef("kafka://" + server, kafka.topic()), Optional.empty());
    }
    if (flow instanceof HttpSource http) {
      return http(http.url());
    }
    if (flow instanceof JdbcSource jdbc) {
      return jdbc(jdbc);
    }
    return file(run.source());
  }

  private Source file(String path) {
    return new Source(new DatasetRef("file://" + host, path), Optional.empty());
  }

  private static Source http(URI url) {
    String authority =
        url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return new Source(new DatasetRef(authority, path), Optional.empty());
  }

  /** jdbc:postgresql://host:port/db?... and jdbc:mysql:// or jdbc:mariadb://host:port/db. */
  static Source jdbc(JdbcSource jdbc) {
    String url = jdbc.url().substring("jdbc:".length());
    String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')) : url;
    String rest = url.contains("//") ? url.substring(url.indexOf("//") + 2) : "";
    int query = indexOfAny(rest, "?;");
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    String authority = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    String database = rest.contains("/") ? rest.substring(rest.indexOf('/') + 1) : "";
    String kind =
        switch (scheme.toLowerCase(Locale.ROOT)) {
          case "postgresql" -> "postgres";
          case "mariadb", "mysql" -> "mysql";
          default -> scheme.toLowerCase(Locale.ROOT);
        };
    if (authority.isEmpty()) {
      authority = "localhost";
    }
    if (!authority.contains(":")) {
      authority += kind.equals("postgres") ? ":5432" : kind.equals("mysql") ? ":3306" : "";
    }
    String namespace = kind + "://" + authority;
    if (jdbc.table().isPresent()) {
      String table = jdbc.table().get();
      if (kind.equals("postgres") && !table.contains(".")) {
        table = "public." + table;
      }
      return new Source(
          new DatasetRef(namespace, database.isEmpty() ? table : database + "." + table),
          Optional.empty());
    }
    return new Source(
        new DatasetRef(namespace, database.isEmpty() ? "query" : database), jdbc.query());
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}

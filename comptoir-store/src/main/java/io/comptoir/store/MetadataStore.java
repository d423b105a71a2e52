package io.comptoir.store;

import io.comptoir.catalog.CatalogRepository;
import io.comptoir.ingest.IngestionRepository;

/** The metadata store: a pooled JDBC data source, migrated by Flyway at open. */
public final class MetadataStore implements AutoCloseable {
  private MetadataStore() {}

  /** Opens (creating and migrating if needed) the store described by the config. */
  public static MetadataStore open(StoreConfig config) {
    throw new IllegalStateException("placeholder until the store module lands");
  }

  public CatalogRepository catalog() {
    throw new IllegalStateException("placeholder until the store module lands");
  }

  public IngestionRepository ingestion() {
    throw new IllegalStateException("placeholder until the store module lands");
  }

  /** "SQLite /path/comptoir.db" or "PostgreSQL jdbc:postgresql://..." without password. */
  public String description() {
    throw new IllegalStateException("placeholder until the store module lands");
  }

  @Override
  public void close() {}
}

package io.comptoir.demo;

import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.DataFile;
import io.comptoir.ingest.IngestionRepository;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.RunId;
import io.comptoir.ingest.RunStatus;
import io.comptoir.ingest.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A hand-written in-memory ingestion repository for tests. */
final class InMemoryIngestionRepository implements IngestionRepository {
  private final InMemoryCatalogRepository catalog;
  private final Map<RunId, IngestionRun> runs = new LinkedHashMap<>();
  private final List<Version> versions = new ArrayList<>();

  InMemoryIngestionRepository(InMemoryCatalogRepository catalog) {
    this.catalog = catalog;
  }

  @Override
  public synchronized void insertRun(IngestionRun run) {
    runs.put(run.id(), run);
  }

  @Override
  public synchronized void updateRun(IngestionRun run) {
    runs.put(run.id(), run);
  }

  @Override
  public synchronized Optional<IngestionRun> findRun(RunId id) {
    return Optional.ofNullable(runs.get(id));
  }

  @Override
  public synchronized List<IngestionRun> listRuns(ProductId product, int limit) {
    List<IngestionRun> matching = new ArrayList<>();
    for (IngestionRun run : runs.values()) {
      if (run.product().equals(product)) {
        matching.add(0, run);
      }
    }
    return List.copyOf(matching.subList(0, Math.min(limit, matching.size())));
  }

  @Override
  public synchronized List<IngestionRun> listRunning() {
    return runs.values().stream().filter(r -> r.status() == RunStatus.RUNNING).toList();
  }

  private final java.util.Map<String, java.util.Map<String, String>> progress =
      new java.util.HashMap<>();

  @Override
  public synchronized java.util.Map<String, String> progress(String flow) {
    return java.util.Map.copyOf(progress.getOrDefault(flow, java.util.Map.of()));
  }

  @Override
  public synchronized java.util.List<IngestionRun> listRunsOfFlow(String flow, int limit) {
    return runs.values().stream()
        .filter(run -> run.flow().equals(Optional.of(flow)))
        .sorted(java.util.Comparator.comparing(IngestionRun::startedAt).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void commitVersion(
      Version version,
      IngestionRun run,
      Optional<DataProduct> updatedProduct,
      Optional<io.comptoir.ingest.SourceProgress> sourceProgress) {
    if (findVersion(version.product(), version.number()).isPresent()) {
      throw ComptoirException.conflict(
          "version %d of %s exists", version.number(), version.product());
    }
    versions.add(version);
    runs.put(run.id(), run);
    updatedProduct.ifPresent(catalog::saveProduct);
    sourceProgress.ifPresent(
        p ->
            progress.computeIfAbsent(p.flow(), f -> new java.util.TreeMap<>()).putAll(p.entries()));
  }

  @Override
  public synchronized Optional<Version> findVersion(ProductId product, int number) {
    return versions.stream()
        .filter(v -> v.product().equals(product) && v.number() == number)
        .findFirst();
  }

  @Override
  public synchronized Optional<Version> findLatestVersion(ProductId product) {
    return versions.stream()
        .filter(v -> v.product().equals(product))
        .max(Comparator.comparingInt(Version::number));
  }

  @Override
  public synchronized List<Version> listVersions(ProductId product) {
    return versions.stream()
        .filter(v -> v.product().equals(product))
        .sorted(Comparator.comparingInt(Version::number).reversed())
        .toList();
  }

  @Override
  public synchronized Optional<Version> findVersionBySourceChecksum(
      ProductId product, String checksum) {
    return versions.stream()
        .filter(v -> v.product().equals(product) && v.sourceChecksum().equals(checksum))
        .findFirst();
  }

  @Override
  public synchronized Set<String> referencedFiles() {
    Set<String> files = new HashSet<>();
    for (Version version : versions) {
      version.files().stream().map(DataFile::path).forEach(files::add);
    }
    for (IngestionRun run : runs.values()) {
      run.quarantineFile().ifPresent(files::add);
    }
    return files;
  }

  private final java.util.Map<String, io.comptoir.ingest.VersionProfile> profiles =
      new java.util.HashMap<>();

  @Override
  public synchronized void saveProfile(io.comptoir.ingest.VersionProfile profile) {
    profiles.put(profile.product() + "@" + profile.version(), profile);
  }

  @Override
  public synchronized java.util.Optional<io.comptoir.ingest.VersionProfile> findProfile(
      ProductId product, int version) {
    return java.util.Optional.ofNullable(profiles.get(product + "@" + version));
  }

  @Override
  public synchronized java.util.List<io.comptoir.ingest.VersionKey> versionsWithoutProfile(
      java.util.Optional<ProductId> product) {
    return versions.stream()
        .filter(v -> product.isEmpty() || v.product().equals(product.get()))
        .filter(v -> !profiles.containsKey(v.product() + "@" + v.number()))
        .map(v -> new io.comptoir.ingest.VersionKey(v.product(), v.number()))
        .sorted(
            java.util.Comparator.comparing((io.comptoir.ingest.VersionKey k) -> k.product().value())
                .thenComparingInt(io.comptoir.ingest.VersionKey::number))
        .toList();
  }
}

package io.comptoir.ingest;

import io.comptoir.catalog.CatalogRepository;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hand-written in-memory repositories for service tests. */
final class InMemoryRepositories implements CatalogRepository, IngestionRepository {
  final Map<String, LegalEntity> entities = new LinkedHashMap<>();
  final Map<String, Domain> domains = new LinkedHashMap<>();
  final Map<ProductId, DataProduct> products = new LinkedHashMap<>();
  final Map<RunId, IngestionRun> runs = new LinkedHashMap<>();
  final List<Version> versions = new ArrayList<>();

  @Override
  public void saveEntity(LegalEntity entity) {
    entities.put(entity.code(), entity);
  }

  @Override
  public List<LegalEntity> listEntities() {
    return List.copyOf(entities.values());
  }

  @Override
  public Optional<LegalEntity> findEntity(String code) {
    return Optional.ofNullable(entities.get(code));
  }

  @Override
  public void saveDomain(Domain domain) {
    domains.put(domain.id(), domain);
  }

  @Override
  public List<Domain> listDomains() {
    return List.copyOf(domains.values());
  }

  @Override
  public Optional<Domain> findDomain(String id) {
    return Optional.ofNullable(domains.get(id));
  }

  @Override
  public void saveProduct(DataProduct product) {
    products.put(product.id(), product);
  }

  @Override
  public Optional<DataProduct> findProduct(ProductId id) {
    return Optional.ofNullable(products.get(id));
  }

  @Override
  public Page<DataProduct> listProducts(ProductQuery query) {
    List<DataProduct> all = List.copyOf(products.values());
    return new Page<>(all, all.size(), 0, all.size());
  }

  @Override
  public void insertRun(IngestionRun run) {
    runs.put(run.id(), run);
  }

  @Override
  public void updateRun(IngestionRun run) {
    runs.put(run.id(), run);
  }

  @Override
  public Optional<IngestionRun> findRun(RunId id) {
    return Optional.ofNullable(runs.get(id));
  }

  @Override
  public List<IngestionRun> listRuns(ProductId product, int limit) {
    return runs.values().stream().filter(r -> r.product().equals(product)).limit(limit).toList();
  }

  @Override
  public List<IngestionRun> listRunning() {
    return runs.values().stream().filter(r -> r.status() == RunStatus.RUNNING).toList();
  }

  private final java.util.Map<String, java.util.Map<String, String>> progress =
      new java.util.HashMap<>();

  @Override
  public java.util.Map<String, String> progress(String flow) {
    return java.util.Map.copyOf(progress.getOrDefault(flow, java.util.Map.of()));
  }

  @Override
  public java.util.List<IngestionRun> listRunsOfFlow(String flow, int limit) {
    return runs.values().stream()
        .filter(run -> run.flow().equals(Optional.of(flow)))
        .sorted(java.util.Comparator.comparing(IngestionRun::startedAt).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public void commitVersion(
      Version version,
      IngestionRun run,
      Optional<DataProduct> updatedProduct,
      Optional<io.comptoir.ingest.SourceProgress> sourceProgress) {
    if (findVersion(version.product(), version.number()).isPresent()) {
      throw ComptoirException.conflict("version %d exists", version.number());
    }
    versions.add(version);
    runs.put(run.id(), run);
    updatedProduct.ifPresent(this::saveProduct);
    sourceProgress.ifPresent(
        p ->
            progress.computeIfAbsent(p.flow(), f -> new java.util.TreeMap<>()).putAll(p.entries()));
  }

  @Override
  public Optional<Version> findVersion(ProductId product, int number) {
    return versions.stream()
        .filter(v -> v.product().equals(product) && v.number() == number)
        .findFirst();
  }

  @Override
  public Optional<Version> findLatestVersion(ProductId product) {
    return versions.stream()
        .filter(v -> v.product().equals(product))
        .max(Comparator.comparingInt(Version::number));
  }

  @Override
  public List<Version> listVersions(ProductId product) {
    return versions.stream()
        .filter(v -> v.product().equals(product))
        .sorted(Comparator.comparingInt(Version::number).reversed())
        .toList();
  }

  @Override
  public Optional<Version> findVersionBySourceChecksum(ProductId product, String checksum) {
    return versions.stream()
        .filter(v -> v.product().equals(product) && v.sourceChecksum().equals(checksum))
        .findFirst();
  }

  @Override
  public Set<String> referencedFiles() {
    Set<String> files = new HashSet<>();
    versions.forEach(v -> v.files().forEach(f -> files.add(f.path())));
    runs.values().forEach(r -> r.quarantineFile().ifPresent(files::add));
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

package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.ingest.IngestionRepository;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.RunId;
import io.comptoir.ingest.RunStatus;
import io.comptoir.ingest.SourceProgress;
import io.comptoir.ingest.Version;
import io.comptoir.ingest.VersionProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ingestion repository, telling lineage what it stores: a run inserted has started, a run
 * stored as failed has failed. Every ingestion, whoever starts it (upload, import, flow, CLI,
 * demo), goes through these calls. The completion of a run is told by {@code
 * IngestionService#onVersionCommitted} instead, once the version's quality results are stored, so
 * that the COMPLETE event carries them. The listener is told only after the store succeeded.
 */
public final class LineageIngestionRepository implements IngestionRepository {
  private final IngestionRepository delegate;
  private final IngestionLineage lineage;

  public LineageIngestionRepository(IngestionRepository delegate, IngestionLineage lineage) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.lineage = requireNonNull(lineage, "lineage is null");
  }

  @Override
  public void insertRun(IngestionRun run) {
    delegate.insertRun(run);
    lineage.started(run);
  }

  @Override
  public void updateRun(IngestionRun run) {
    delegate.updateRun(run);
    if (run.status() == RunStatus.FAILED) {
      lineage.failed(run);
    }
  }

  @Override
  public void commitVersion(
      Version version,
      IngestionRun run,
      Optional<DataProduct> updatedProduct,
      Optional<SourceProgress> progress) {
    // the COMPLETE event waits for the quality results: IngestionService#onVersionCommitted
    delegate.commitVersion(version, run, updatedProduct, progress);
  }

  @Override
  public Optional<IngestionRun> findRun(RunId id) {
    return delegate.findRun(id);
  }

  @Override
  public List<IngestionRun> listRuns(ProductId product, int limit) {
    return delegate.listRuns(product, limit);
  }

  @Override
  public List<IngestionRun> listRunning() {
    return delegate.listRunning();
  }

  @Override
  public Map<String, String> progress(String flow) {
    return delegate.progress(flow);
  }

  @Override
  public List<IngestionRun> listRunsOfFlow(String flow, int limit) {
    return delegate.listRunsOfFlow(flow, limit);
  }

  @Override
  public Optional<Version> findVersion(ProductId product, int number) {
    return delegate.findVersion(product, number);
  }

  @Override
  public Optional<Version> findLatestVersion(ProductId product) {
    return delegate.findLatestVersion(product);
  }

  @Override
  public List<Version> listVersions(ProductId product) {
    return delegate.listVersions(product);
  }

  @Override
  public Optional<Version> findVersionBySourceChecksum(ProductId product, String checksum) {
    return delegate.findVersionBySourceChecksum(product, checksum);
  }

  @Override
  public void saveProfile(VersionProfile profile) {
    delegate.saveProfile(profile);
  }

  @Override
  public Optional<VersionProfile> findProfile(ProductId product, int version) {
    return delegate.findProfile(product, version);
  }

  @Override
  public List<io.comptoir.ingest.VersionKey> versionsWithoutProfile(Optional<ProductId> product) {
    return delegate.versionsWithoutProfile(product);
  }

  @Override
  public Set<String> referencedFiles() {
    return delegate.referencedFiles();
  }
}

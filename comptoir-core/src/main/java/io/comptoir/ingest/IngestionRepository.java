package io.comptoir.ingest;

import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Persistence of ingestion runs and versions. */
public interface IngestionRepository {
  void insertRun(IngestionRun run);

  /** Replaces a run's state (used for failures; successes go through {@link #commitVersion}). */
  void updateRun(IngestionRun run);

  Optional<IngestionRun> findRun(RunId id);

  /** Runs of a product, newest first. */
  List<IngestionRun> listRuns(ProductId product, int limit);

  List<IngestionRun> listRunning();

  /**
   * Makes a version visible: in one transaction, inserts the version and its files, stores the
   * finished run, and saves the product when its schema was inferred by this run.
   *
   * @throws io.comptoir.common.ComptoirException CONFLICT when the version number is taken
   */
  default void commitVersion(
      Version version, IngestionRun run, Optional<DataProduct> updatedProduct) {
    commitVersion(version, run, updatedProduct, Optional.empty());
  }

  /**
   * Like {@link #commitVersion(Version, IngestionRun, Optional)}, saving a flow's source progress
   * in the same transaction.
   */
  void commitVersion(
      Version version,
      IngestionRun run,
      Optional<DataProduct> updatedProduct,
      Optional<SourceProgress> progress);

  /** The source progress a flow has committed so far (empty before its first version). */
  java.util.Map<String, String> progress(String flow);

  /** The runs of a flow, most recent first. */
  List<IngestionRun> listRunsOfFlow(String flow, int limit);

  Optional<Version> findVersion(ProductId product, int number);

  Optional<Version> findLatestVersion(ProductId product);

  /** Versions of a product, newest first, files included. */
  List<Version> listVersions(ProductId product);

  /** The version made from a source with this checksum, if any. */
  Optional<Version> findVersionBySourceChecksum(ProductId product, String checksum);

  /** Stores the profile of a committed version, replacing any earlier one. */
  void saveProfile(VersionProfile profile);

  Optional<VersionProfile> findProfile(ProductId product, int version);

  /**
   * The versions that have no stored profile, of one product or of every product when empty,
   * ordered by product then by version number (oldest first).
   */
  List<VersionKey> versionsWithoutProfile(Optional<ProductId> product);

  /** Every lake path referenced by a version or as a run's quarantine file. */
  Set<String> referencedFiles();
}

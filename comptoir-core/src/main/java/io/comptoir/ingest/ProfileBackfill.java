package io.comptoir.ingest;

/**
 * What a backfill of missing version profiles did.
 *
 * @param profiled versions profiled and stored
 * @param failed versions whose profile failed (each reported to the listener)
 * @param skipped later versions of a product whose profile failed: left for the next backfill, so
 *     that their histograms are binned like the version before them
 */
public record ProfileBackfill(int profiled, int failed, int skipped) {
  public ProfileBackfill {
    if (profiled < 0 || failed < 0 || skipped < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, got " + profiled + ", " + failed + ", " + skipped);
    }
  }

  /** Told of each version as the backfill goes. Must not throw. */
  public interface Listener {
    Listener NONE =
        new Listener() {
          @Override
          public void profiled(VersionProfile profile, java.time.Duration took) {}

          @Override
          public void failed(VersionKey version, String message) {}

          @Override
          public void skipped(VersionKey version, VersionKey failed) {}
        };

    void profiled(VersionProfile profile, java.time.Duration took);

    void failed(VersionKey version, String message);

    /** A version left without a profile because an earlier one of its product failed. */
    void skipped(VersionKey version, VersionKey failed);
  }
}

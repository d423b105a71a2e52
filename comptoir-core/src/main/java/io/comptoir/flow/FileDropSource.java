package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.SourceOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * A partner's drop zone: a watched directory where each file matching the pattern is ingested once,
 * then moved to {@code archive/} or {@code error/} under the directory. A file is picked up only
 * when complete: when its marker file ({@code <name><markerSuffix>}) exists, or else when its size
 * and modification time have not changed for {@code stableFor}.
 *
 * @param directory absolute, or relative to the data directory
 * @param pattern a glob on file names, such as {@code *.csv} or {@code colis-*.csv.gz}
 */
public record FileDropSource(
    String directory,
    String pattern,
    SourceOptions options,
    Duration stableFor,
    Optional<String> markerSuffix)
    implements FlowSource {
  public static final Duration DEFAULT_STABLE_FOR = Duration.ofSeconds(5);

  public FileDropSource {
    if (directory == null || directory.isBlank()) {
      throw ComptoirException.invalidInput("a file-drop source needs a directory");
    }
    pattern = pattern == null || pattern.isBlank() ? "*" : pattern.strip();
    if (pattern.contains("/") || pattern.contains("\\")) {
      throw ComptoirException.invalidInput(
          "pattern matches file names, not paths: no '/' allowed, got '%s'", pattern);
    }
    options = options == null ? SourceOptions.defaults() : options;
    stableFor = stableFor == null ? DEFAULT_STABLE_FOR : stableFor;
    if (stableFor.isNegative()) {
      throw ComptoirException.invalidInput("stable-for must not be negative, got %s", stableFor);
    }
    requireNonNull(markerSuffix, "markerSuffix is null");
    markerSuffix.ifPresent(
        suffix -> {
          if (suffix.isBlank() || suffix.contains("/")) {
            throw ComptoirException.invalidInput(
                "marker suffix must be a file name suffix such as '.done', got '%s'", suffix);
          }
        });
  }

  @Override
  public String kind() {
    return "file-drop";
  }
}

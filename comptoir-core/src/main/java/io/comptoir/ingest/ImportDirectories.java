package io.comptoir.ingest;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The server-side directories from which files may be ingested by path. */
public final class ImportDirectories {
  private final List<Path> directories;

  public ImportDirectories(List<Path> directories) {
    this.directories = directories.stream().map(d -> d.toAbsolutePath().normalize()).toList();
  }

  public List<Path> directories() {
    return directories;
  }

  /**
   * Resolves a path given by a caller and checks, after following links, that it lies inside an
   * import directory.
   */
  public Path resolve(String path) {
    if (path == null || path.isBlank()) {
      throw ComptoirException.invalidInput("path is required");
    }
    if (path.indexOf('\0') >= 0) {
      throw ComptoirException.invalidInput("path contains a NUL character");
    }
    Path candidate;
    try {
      candidate = Path.of(path);
    } catch (RuntimeException e) {
      throw ComptoirException.invalidInput("invalid path '%s'", path);
    }
    if (!candidate.isAbsolute() && !directories.isEmpty()) {
      candidate = directories.get(0).resolve(candidate);
    }
    candidate = candidate.toAbsolutePath().normalize();
    SourceFiles.requireReadableFile(candidate);
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (IOException e) {
      throw ComptoirException.invalidInput("cannot resolve path '%s'", path);
    }
    for (Path directory : directories) {
      try {
        if (real.startsWith(directory.toRealPath())) {
          return real;
        }
      } catch (IOException e) {
        // a configured directory that does not exist admits nothing
      }
    }
    throw new ComptoirException(
        ErrorCode.FORBIDDEN,
        "path '" + path + "' is outside the import directories " + directories);
  }
}

package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Streams request bodies to files under the uploads directory, within the size limit. */
public final class Uploads {
  private static final Logger log = LoggerFactory.getLogger(Uploads.class);
  private static final int MAX_NAME_LENGTH = 200;
  private static final String SUFFIX = ".upload";

  private final UploadSettings settings;

  public Uploads(UploadSettings settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** Deletes uploads left by a process that stopped while ingesting them. Call before serving. */
  void removeLeftovers() {
    try (DirectoryStream<Path> leftovers =
        Files.newDirectoryStream(settings.directory(), "*" + SUFFIX)) {
      for (Path leftover : leftovers) {
        log.info("removing upload left by an interrupted run: {}", leftover.getFileName());
        delete(leftover);
      }
    } catch (IOException e) {
      log.warn("cannot list uploads in {}: {}", settings.directory(), e.toString());
    }
  }

  /** A fresh path for one upload; nothing is written yet. */
  public Path newFile() {
    return settings.directory().resolve(UUID.randomUUID() + SUFFIX);
  }

  /**
   * Copies the body to the file, refusing it (and deleting what was written) when it is larger than
   * the limit or empty.
   *
   * @param declaredLength the Content-Length header, -1 when absent
   */
  public void receive(InputStream body, long declaredLength, Path file) {
    long max = settings.maxBytes();
    if (declaredLength > max) {
      throw tooLarge(declaredLength + " bytes");
    }
    long written = 0;
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buffer = new byte[1 << 16];
      int read;
      while ((read = body.read(buffer)) > 0) {
        written += read;
        if (written > max) {
          throw tooLarge("more than " + max + " bytes");
        }
        out.write(buffer, 0, read);
      }
    } catch (IOException e) {
      delete(file);
      throw new ComptoirException(
          ErrorCode.INVALID_INPUT, "upload interrupted after " + written + " bytes: " + e, e);
    } catch (RuntimeException e) {
      delete(file);
      throw e;
    }
    if (written == 0) {
      delete(file);
      throw ComptoirException.invalidInput(
          "upload is empty: send the file's bytes as the request body");
    }
  }

  public void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete upload {}: {}", file, e.toString());
    }
  }

  /** The file name given by the client, reduced to a safe display name. */
  public static String displayName(String filename) {
    if (filename == null) {
      return "upload";
    }
    String name =
        filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
    name =
        name.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
    if (name.length() > MAX_NAME_LENGTH) {
      name = name.substring(name.length() - MAX_NAME_LENGTH);
    }
    return name.isEmpty() ? "upload" : name;
  }

  private UploadTooLargeException tooLarge(String size) {
    return new UploadTooLargeException(
        "upload of "
            + size
            + " exceeds the limit of "
            + settings.maxBytes()
            + " bytes (ingest-max-upload-bytes)");
  }
}

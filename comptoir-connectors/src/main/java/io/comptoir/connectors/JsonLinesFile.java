package io.comptoir.connectors;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A JSON lines file being written, one object per line, with the SHA-256 of its bytes computed on
 * the way. Control characters in values are escaped by JSON, so a value never breaks a line.
 */
final class JsonLinesFile implements AutoCloseable {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Path path;
  private final MessageDigest digest;
  private final JsonGenerator generator;
  private long records;

  JsonLinesFile(Path path) {
    this.path = path;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
    try {
      OutputStream out =
          new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(path)), digest);
      generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
      generator.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** The generator to write one record with; call {@link #recordWritten()} after each. */
  JsonGenerator generator() {
    return generator;
  }

  void recordWritten() {
    records++;
  }

  long records() {
    return records;
  }

  Path path() {
    return path;
  }

  /** The SHA-256 of what was written, in hexadecimal; closes the file. */
  String finish() {
    close();
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() {
    if (generator.isClosed()) {
      return;
    }
    try {
      if (records > 0) {
        generator.writeRaw('\n');
      }
      generator.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }
}

package io.comptoir.ingest;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** File-level facts about a source: checksum, compression, encoding. Pure JDK. */
public final class SourceFiles {
  private static final int SAMPLE_BYTES = 1 << 20;

  private SourceFiles() {}

  /** Checks that a path names a readable regular file; the message names the path. */
  public static void requireReadableFile(Path path) {
    if (!Files.exists(path)) {
      throw ComptoirException.invalidInput("file not found: %s", path);
    }
    if (!Files.isRegularFile(path)) {
      throw ComptoirException.invalidInput("not a regular file: %s", path);
    }
    if (!Files.isReadable(path)) {
      throw ComptoirException.invalidInput("file is not readable: %s", path);
    }
  }

  /** SHA-256 of the file's bytes, in lowercase hex. */
  public static String sha256(Path path, ProgressListener progress) {
    return checksum(path, progress);
  }

  /**
   * What one read of a file tells.
   *
   * @param checksum SHA-256 of the file's bytes, in lowercase hex
   * @param longestLine the bytes of its longest line, line break excluded (a line ends at {@code
   *     \n}), decompressed for a gzip file; empty for a gzip file that cannot be decompressed
   * @param lines its lines: line breaks, plus one when the last line has none; empty when the
   *     longest line is
   */
  public record Scan(
      String checksum, java.util.OptionalLong longestLine, java.util.OptionalLong lines) {}

  /**
   * Reads the file for its SHA-256 (of the file's bytes) and, at the same time on a second thread,
   * for its lines, decompressed when it is gzip: the two passes take about what the checksum alone
   * takes (on a 1 GB file, 0.9 s against 1.4 s one after the other). A gzip file that cannot be
   * decompressed gets its checksum only; its reading then fails with the engine's own message.
   */
  public static Scan scan(Path path, ProgressListener progress) {
    boolean gzip = isGzip(path);
    java.util.concurrent.FutureTask<Lines> counting =
        new java.util.concurrent.FutureTask<>(() -> countLines(path, gzip));
    Thread counter = new Thread(counting, "comptoir-line-count");
    counter.setDaemon(true);
    counter.start();
    String checksum;
    try {
      checksum = checksum(path, progress);
    } catch (RuntimeException e) {
      counting.cancel(true);
      throw e;
    }
    Lines lines;
    try {
      lines = counting.get();
    } catch (InterruptedException e) {
      counting.cancel(true);
      Thread.currentThread().interrupt();
      throw new ComptoirException(ErrorCode.INTERNAL, "interrupted while counting lines", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ComptoirException(ErrorCode.INTERNAL, "cannot count lines: " + e.getCause(), e);
    }
    return lines == null
        ? new Scan(checksum, java.util.OptionalLong.empty(), java.util.OptionalLong.empty())
        : new Scan(
            checksum,
            java.util.OptionalLong.of(lines.longest()),
            java.util.OptionalLong.of(lines.count()));
  }

  private static String checksum(Path path, ProgressListener progress) {
    try (InputStream file = Files.newInputStream(path)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long size = Math.max(1, Files.size(path));
      byte[] buffer = new byte[1 << 20];
      long done = 0;
      int read;
      while ((read = file.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
        done += read;
        progress.progress("checksum", (double) done / size);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw ComptoirException.invalidInput("cannot read %s: %s", path, e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new ComptoirException(ErrorCode.INTERNAL, "SHA-256 is not available", e);
    }
  }

  /** The lines of the file, decompressed when gzip; null for a gzip file that cannot be. */
  private static Lines countLines(Path path, boolean gzip) {
    byte[] buffer = new byte[1 << 20];
    Lines lines = new Lines();
    try (InputStream file = Files.newInputStream(path);
        InputStream text = gzip ? new GZIPInputStream(file, 1 << 16) : file) {
      ByteBuffer words = ByteBuffer.wrap(buffer).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      int read;
      while ((read = text.read(buffer)) > 0) {
        if (Thread.currentThread().isInterrupted()) {
          return lines;
        }
        int i = 0;
        // eight bytes at a time: most words of a text hold no line break
        for (; i + 8 <= read; i += 8) {
          long word = words.getLong(i) ^ 0x0a0a0a0a0a0a0a0aL;
          if (((word - 0x0101010101010101L) & ~word & 0x8080808080808080L) == 0) {
            lines.line += 8;
          } else {
            lines.accept(buffer, i, i + 8);
          }
        }
        lines.accept(buffer, i, read);
      }
      return lines;
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      if (!gzip) {
        throw ComptoirException.invalidInput("cannot read %s: %s", path, e.getMessage());
      }
      return null; // a damaged gzip file: DuckDB says what is wrong when it reads it
    } catch (IOException e) {
      throw ComptoirException.invalidInput("cannot read %s: %s", path, e.getMessage());
    }
  }

  /** The lines seen so far: the current one's length, the longest ended, the breaks. */
  private static final class Lines {
    long line;
    long longest;
    long breaks;

    void accept(byte[] bytes, int from, int to) {
      for (int i = from; i < to; i++) {
        if (bytes[i] == '\n') {
          longest = Math.max(longest, line);
          line = 0;
          breaks++;
        } else {
          line++;
        }
      }
    }

    long longest() {
      return Math.max(longest, line);
    }

    /** Line breaks, plus one when the last line has none. */
    long count() {
      return breaks + (line > 0 ? 1 : 0);
    }
  }

  public static boolean isGzip(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    } catch (IOException e) {
      throw ComptoirException.invalidInput("cannot read %s: %s", path, e.getMessage());
    }
  }

  public static boolean isParquet(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && new String(magic, StandardCharsets.US_ASCII).equals("PAR1");
    } catch (IOException e) {
      throw ComptoirException.invalidInput("cannot read %s: %s", path, e.getMessage());
    }
  }

  /** Opens the file, decompressing gzip transparently. */
  public static InputStream open(Path path) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    return isGzip(path) ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /**
   * Detects UTF-8 (valid on a 1 MiB sample, a cut multi-byte character at the end allowed) or falls
   * back to Windows-1252, the usual encoding of French files that are not UTF-8.
   */
  public static SourceEncoding detectEncoding(Path path) {
    byte[] sample;
    try (InputStream in = open(path)) {
      sample = in.readNBytes(SAMPLE_BYTES);
    } catch (IOException e) {
      throw ComptoirException.invalidInput("cannot read %s: %s", path, e.getMessage());
    }
    int length = sample.length;
    if (length == SAMPLE_BYTES) {
      // do not judge a multi-byte character cut by the sample's end
      int back = 0;
      while (back < 3 && length > 0 && (sample[length - 1] & 0xC0) == 0x80) {
        length--;
        back++;
      }
      if (length > 0 && (sample[length - 1] & 0x80) != 0) {
        length--;
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      decoder.decode(ByteBuffer.wrap(sample, 0, length));
      return SourceEncoding.UTF_8;
    } catch (CharacterCodingException e) {
      return SourceEncoding.WINDOWS_1252;
    }
  }

  public static Charset charset(SourceEncoding encoding) {
    return switch (encoding) {
      case UTF_8, AUTO -> StandardCharsets.UTF_8;
      case ISO_8859_1 -> StandardCharsets.ISO_8859_1;
      case WINDOWS_1252 -> Charset.forName("windows-1252");
    };
  }

  /** Writes a UTF-8 copy of a (possibly gzip) text file in another encoding. */
  public static void transcodeToUtf8(Path source, SourceEncoding encoding, Path target) {
    try (Reader reader =
            new java.io.InputStreamReader(
                open(source),
                charset(encoding)
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
        OutputStream out = Files.newOutputStream(target);
        Writer writer =
            new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
      char[] buffer = new char[1 << 16];
      int read;
      while ((read = reader.read(buffer)) > 0) {
        writer.write(buffer, 0, read);
      }
    } catch (IOException e) {
      throw ComptoirException.invalidInput(
          "cannot decode %s as %s: %s", source.getFileName(), encoding, e.getMessage());
    }
  }
}

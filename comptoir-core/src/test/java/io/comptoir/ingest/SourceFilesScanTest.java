package io.comptoir.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesScanTest {
  @TempDir Path directory;

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  SourceFiles.Scan scan(String name, byte[] bytes) throws IOException {
    return SourceFiles.scan(Files.write(directory.resolve(name), bytes), (phase, fraction) -> {});
  }

  @Test
  void countsTheLinesOfAPlainFileAndTheLastOneWithoutABreak() throws Exception {
    byte[] bytes = "id,name\n1,abc\n22,defgh".getBytes(StandardCharsets.UTF_8);

    SourceFiles.Scan scan = scan("plain.csv", bytes);

    assertThat(scan.checksum()).isEqualTo(sha256(bytes));
    assertThat(scan.lines()).hasValue(3);
    assertThat(scan.longestLine()).hasValue(8);
  }

  @Test
  void countsLikeAByteByByteReadingOnRandomText() throws Exception {
    java.util.Random random = new java.util.Random(11);
    for (int round = 0; round < 20; round++) {
      byte[] bytes = new byte[random.nextInt(3 << 20)];
      for (int i = 0; i < bytes.length; i++) {
        // line breaks of every spacing, and bytes that differ from one only by a bit
        int kind = random.nextInt(round % 2 == 0 ? 40 : 4000);
        bytes[i] = kind == 0 ? (byte) '\n' : kind == 1 ? (byte) 0x0b : (byte) ('a' + kind % 26);
      }
      long lines = 0;
      long line = 0;
      long longest = 0;
      for (byte b : bytes) {
        if (b == '\n') {
          longest = Math.max(longest, line);
          line = 0;
          lines++;
        } else {
          line++;
        }
      }

      SourceFiles.Scan scan = scan("random-" + round + ".txt", bytes);

      assertThat(scan.lines()).hasValue(lines + (line > 0 ? 1 : 0));
      assertThat(scan.longestLine()).hasValue(Math.max(longest, line));
    }
  }

  @Test
  void measuresTheDecompressedLinesOfAGzipFileAndHashesItsCompressedBytes() throws Exception {
    byte[] bytes = gzip("id,name\n1,abc\n22,defgh\n");

    SourceFiles.Scan scan = scan("packed.csv.gz", bytes);

    assertThat(scan.checksum()).isEqualTo(sha256(bytes));
    assertThat(scan.lines()).hasValue(3);
    assertThat(scan.longestLine()).hasValue(8);
  }

  @Test
  void hashesADamagedGzipFileWholeWithoutItsLines() throws Exception {
    byte[] whole = gzip("id,name\n" + "1,abcdefgh\n".repeat(10_000));
    byte[] damaged = Arrays.copyOf(whole, whole.length / 2);

    SourceFiles.Scan scan = scan("damaged.csv.gz", damaged);

    assertThat(scan.checksum()).isEqualTo(sha256(damaged));
    assertThat(scan.lines()).isEmpty();
    assertThat(scan.longestLine()).isEmpty();
  }
}

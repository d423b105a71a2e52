package io.comptoir.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed files through the real store and engine: each gives a clear error or quarantined rows,
 * and never a half version.
 */
class BadInputIT {
  private static final ProductId PARCELS = Fixtures.PARCELS;
  private static final String HEADER = "id;destination;weight;shipped\n";

  @TempDir Path directory;
  private Comptoir comptoir;

  @BeforeEach
  void open() {
    comptoir =
        Comptoir.open(
            Fixtures.configuration(
                directory.resolve("data"), Map.of("ingest-tolerated-reject-rate", "0.5")));
    Fixtures.seed(comptoir.catalog());
  }

  @AfterEach
  void close() {
    try {
      assertNoHalfVersion();
    } finally {
      comptoir.close();
    }
  }

  @Test
  void refusesAnEmptyFile() throws IOException {
    assertInvalid(write("empty.csv", ""), "file is empty: empty.csv");
  }

  @Test
  void failsAHeaderOnlyFileWithoutVersion() throws IOException {
    assertInvalid(write("header.csv", HEADER), "header.csv holds no data rows: no version created");
    assertThat(comptoir.ingestion().listRuns(PARCELS, 10))
        .singleElement()
        .satisfies(run -> assertThat(run.status()).isEqualTo(RunStatus.FAILED));
  }

  @Test
  void quarantinesRaggedRows() throws IOException {
    IngestionRun run =
        ingest(
            write(
                "ragged.csv",
                HEADER
                    + "1;75001;1.5;2024-01-02\n"
                    + "2;75002\n"
                    + "3;75003;1.0;2024-01-03;extra;more\n"
                    + "4;75004;2.0;2024-01-04\n"));
    assertReconciled(run, 4, 2);
    assertThat(quarantined(run))
        .extracting(QuarantinedRow::line, QuarantinedRow::errorType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "MISSING_COLUMNS"),
            org.assertj.core.groups.Tuple.tuple(4L, "TOO_MANY_COLUMNS"));
  }

  @Test
  void quarantinesAnUnterminatedQuoteWithTheRestOfTheFile() throws IOException {
    IngestionRun run =
        ingest(
            write(
                "quote.csv",
                HEADER
                    + "1;75001;1.5;2024-01-02\n"
                    + "2;75002;1.5;2024-01-02\n"
                    + "3;\"75003;1.0;2024-01-03\n"
                    + "4;75004;2.0;2024-01-04\n"));
    assertReconciled(run, 3, 1);
    assertThat(quarantined(run))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.errorType()).isEqualTo("UNQUOTED_VALUE");
              assertThat(row.raw()).contains("75003").contains("75004");
            });
  }

  @Test
  void refusesBinaryGarbage() throws IOException {
    byte[] garbage = new byte[64 * 1024];
    new Random(7).nextBytes(garbage);
    Path file = directory.resolve("garbage.csv");
    Files.write(file, garbage);
    assertThatThrownBy(() -> ingest(file))
        .isInstanceOf(ComptoirException.class)
        .hasMessageStartingWith("ingestion of garbage.csv failed in validate: ")
        .satisfies(
            e -> assertThat(((ComptoirException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(comptoir.ingestion().listVersions(PARCELS)).isEmpty();
  }

  @Test
  void detectsWindows1252AndKeepsTheAccents() throws IOException {
    Path file = directory.resolve("clients.csv");
    Files.write(
        file,
        "id,name,city\n1,Société Générale,Orléans\n2,Chloé,Besançon\n"
            .getBytes(Charset.forName("windows-1252")));
    IngestionRun run =
        comptoir
            .ingestion()
            .ingest(IngestionRequest.of(Fixtures.CUSTOMERS, file), ProgressListener.NONE);
    assertReconciled(run, 2, 0);
    Version version = comptoir.ingestion().loadVersion(Fixtures.CUSTOMERS, 1);
    assertThat(comptoir.ingestion().read(version, List.of("name", "city"), 0, 10).rows())
        .containsExactly(List.of("Société Générale", "Orléans"), List.of("Chloé", "Besançon"));
  }

  @Test
  void quarantinesRowsInvalidInTheDeclaredEncoding() throws IOException {
    Path file = directory.resolve("latin1.csv");
    byte[] utf8 =
        (HEADER + "1;75001;1.5;2024-01-02\n2;75002;1.5;2024-01-02\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "3;Orléans;1.5;2024-01-02\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[utf8.length + latin1.length];
    System.arraycopy(utf8, 0, all, 0, utf8.length);
    System.arraycopy(latin1, 0, all, utf8.length, latin1.length);
    Files.write(file, all);
    IngestionRun run =
        comptoir
            .ingestion()
            .ingest(
                IngestionRequest.of(PARCELS, file)
                    .withOptions(SourceOptions.defaults().withEncoding(SourceEncoding.UTF_8)),
                ProgressListener.NONE);
    assertReconciled(run, 3, 1);
    assertThat(quarantined(run))
        .singleElement()
        .satisfies(row -> assertThat(row.errorType()).isEqualTo("INVALID_ENCODING"));
  }

  @Test
  void refusesDuplicateAndEmptyHeaderNames() throws IOException {
    assertInvalid(
        write("dup.csv", "id;destination;weight;weight\n1;75001;1.5;1.5\n"),
        "names column 'weight' twice");
    assertInvalid(
        write("blank.csv", "id;;weight;shipped\n1;75001;1.5;2024-01-02\n"),
        "column 2 of the header has an empty name");
  }

  @Test
  void quarantinesATenMegabyteLine() throws IOException {
    String huge = "9".repeat(10 * 1024 * 1024);
    IngestionRun run =
        ingest(
            write(
                "long.csv",
                HEADER
                    + "1;75001;1.5;2024-01-02\n"
                    + "2;"
                    + huge
                    + ";1.5;2024-01-02\n"
                    + "3;75003;1.5;2024-01-02\n"));
    assertReconciled(run, 3, 1);
    assertThat(quarantined(run))
        .singleElement()
        .satisfies(row -> assertThat(row.errorType()).isEqualTo("LINE_SIZE_OVER_MAXIMUM"));
  }

  @Test
  void refusesAFileThatIsOneTenMegabyteLine() throws IOException {
    assertInvalid(
        write("one-line.csv", "x".repeat(10 * 1024 * 1024)),
        "the first line of one-line.csv is longer than 1048576 characters: not a CSV header");
  }

  @Test
  void refusesUnknownProductsAndMissingFiles() throws IOException {
    Path file = write("ok.csv", HEADER + "1;75001;1.5;2024-01-02\n");
    assertThatThrownBy(
            () ->
                comptoir
                    .ingestion()
                    .ingest(
                        IngestionRequest.of(ProductId.of("inconnu"), file), ProgressListener.NONE))
        .hasMessage("product not found: inconnu");
    Path missing = directory.resolve("missing.csv");
    assertThatThrownBy(() -> ingest(missing)).hasMessage("file not found: " + missing);
    assertThatThrownBy(() -> ingest(directory)).hasMessage("not a regular file: " + directory);
  }

  private IngestionRun ingest(Path file) {
    return comptoir
        .ingestion()
        .ingest(
            IngestionRequest.of(PARCELS, file)
                .withOptions(SourceOptions.defaults().withDelimiter(';')),
            ProgressListener.NONE);
  }

  private void assertInvalid(Path file, String message) {
    assertThatThrownBy(() -> ingest(file))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> assertThat(((ComptoirException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(comptoir.ingestion().listVersions(PARCELS)).isEmpty();
  }

  private void assertReconciled(IngestionRun run, long read, long quarantined) {
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.rowsRead()).isEqualTo(read);
    assertThat(run.rowsQuarantined()).isEqualTo(quarantined);
    assertThat(run.rowsAccepted()).isEqualTo(read - quarantined);
    Version version =
        comptoir.ingestion().loadVersion(run.product(), run.versionNumber().orElseThrow());
    assertThat(version.rowCount()).isEqualTo(read - quarantined);
  }

  private List<QuarantinedRow> quarantined(IngestionRun run) {
    return comptoir.ingestion().quarantinedRows(run, 0, 100);
  }

  /** Every lake file is referenced by a committed version or run: nothing half-written. */
  private void assertNoHalfVersion() {
    Set<String> referenced = new HashSet<>();
    for (ProductId product : List.of(PARCELS, Fixtures.CUSTOMERS)) {
      comptoir
          .ingestion()
          .listVersions(product)
          .forEach(v -> v.files().forEach(f -> referenced.add(f.path())));
      comptoir
          .ingestion()
          .listRuns(product, 100)
          .forEach(r -> r.quarantineFile().ifPresent(referenced::add));
    }
    assertThat(comptoir.lake().removeOrphans(referenced)).isZero();
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(directory.resolve(name), content);
  }
}

package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.QuarantinedRow;
import io.comptoir.ingest.ReadRequest;
import io.comptoir.ingest.RowBatch;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.StagedData;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEngineTest {
  private static final List<Column> PARCELS =
      List.of(
          Column.of("id", DataType.INTEGER),
          Column.of("name", DataType.STRING),
          Column.of("weight", DataType.DOUBLE),
          Column.of("day", DataType.DATE));

  @TempDir Path directory;
  private DuckDbEngine engine;
  private int runs;

  @BeforeEach
  void start() {
    engine = new DuckDbEngine(EngineSettings.defaults(directory.resolve("tmp")));
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void quarantinesEveryKindOfBadCsvRowAndReconciles() throws IOException {
    Path file =
        write(
            "parcels.csv",
            "id,name,weight,day\n"
                + "1,alice,1.5,2024-01-02\n"
                + "2,bob,heavy,2024-01-03\n"
                + "x,carol,2.0,2024-13-01\n"
                + "4,\"dan\nmultiline\",3.0,2024-01-05\n"
                + "5,eve,4.0\n"
                + "6,frank,5.0,2024-01-06,extra\n"
                + "7,gina,,\n"
                + "8,\"unterminated,1.0,2024-01-07\n");
    StagedData staged = stage(file, SourceFormat.CSV, SourceOptions.defaults(), PARCELS);

    assertThat(staged.rowsAccepted()).isEqualTo(3);
    assertThat(staged.rowsQuarantined()).isEqualTo(5);
    assertThat(staged.rowsRead()).isEqualTo(8);
    List<QuarantinedRow> rows =
        engine.readQuarantine(staged.quarantineFile().orElseThrow(), 0, 100);
    assertThat(rows)
        .extracting(QuarantinedRow::line, QuarantinedRow::column, QuarantinedRow::errorType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "weight", "CAST"),
            org.assertj.core.groups.Tuple.tuple(4L, "id", "CAST"),
            org.assertj.core.groups.Tuple.tuple(6L, "day", "MISSING_COLUMNS"),
            org.assertj.core.groups.Tuple.tuple(7L, "", "TOO_MANY_COLUMNS"),
            org.assertj.core.groups.Tuple.tuple(9L, "name", "UNQUOTED_VALUE"));
    assertThat(rows.get(0).raw()).isEqualTo("2,bob,heavy,2024-01-03");
    assertThat(rows.get(0).message()).contains("heavy").contains("DOUBLE");
    assertThat(staged.quarantineCounts().stream().mapToLong(c -> c.rows()).sum()).isEqualTo(5);
    assertThat(staged.quarantineCounts())
        .contains(new io.comptoir.ingest.QuarantineCount("CAST", "weight", 1));

    RowBatch batch = read(staged, List.of());
    assertThat(batch.columns()).containsExactly("id", "name", "weight", "day");
    assertThat(batch.rows())
        .containsExactly(
            List.of(1L, "alice", 1.5, LocalDate.of(2024, 1, 2)),
            List.of(4L, "dan\nmultiline", 3.0, LocalDate.of(2024, 1, 5)),
            java.util.Arrays.asList(7L, "gina", null, null));
  }

  @Test
  void readsFrenchCsvWithSemicolonsDecimalCommaAndDayFirstDates() throws IOException {
    List<Column> columns =
        List.of(
            Column.of("code", DataType.STRING),
            Column.of("amount", DataType.decimal(12, 2)),
            new Column("day", DataType.DATE, "", null, "dd/MM/yyyy"));
    Path file =
        write("fr.csv", "code;amount;day\n01000;1234,56;31/12/2024\n02100;7,5;01/02/2023\n");
    StagedData staged =
        stage(file, SourceFormat.CSV, SourceOptions.defaults().withDecimalSeparator(','), columns);
    assertThat(staged.rowsQuarantined()).isZero();
    assertThat(read(staged, List.of()).rows())
        .containsExactly(
            List.of("01000", new BigDecimal("1234.56"), LocalDate.of(2024, 12, 31)),
            List.of("02100", new BigDecimal("7.50"), LocalDate.of(2023, 2, 1)));
  }

  @Test
  void readsGzipCsvAndMatchesHeaderByNameInAnyOrder() throws IOException {
    Path file = directory.resolve("parcels.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("day,weight,name,id\n2024-01-02,1.5,alice,1\n".getBytes(StandardCharsets.UTF_8));
    }
    StagedData staged = stage(file, SourceFormat.CSV, SourceOptions.defaults(), PARCELS);
    assertThat(read(staged, List.of("id", "name")).rows()).containsExactly(List.of(1L, "alice"));
  }

  @Test
  void quarantinesLinesLongerThanTheMaximum() throws IOException {
    String huge = "y".repeat(10 * 1024 * 1024);
    Path file =
        write(
            "long.csv",
            "id,name,weight,day\n1,a,1.0,2024-01-01\n2," + huge + ",1.0,2024-01-01\n3,c,1.0,\n");
    StagedData staged = stage(file, SourceFormat.CSV, SourceOptions.defaults(), PARCELS);
    assertThat(staged.rowsAccepted()).isEqualTo(2);
    assertThat(staged.rowsQuarantined()).isEqualTo(1);
    assertThat(engine.readQuarantine(staged.quarantineFile().orElseThrow(), 0, 10))
        .extracting(QuarantinedRow::line, QuarantinedRow::errorType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "LINE_SIZE_OVER_MAXIMUM"));
  }

  @Test
  void refusesHeadersThatDoNotMatchTheColumns() throws IOException {
    Path file = write("bad.csv", "id,name,colour\n1,a,red\n");
    assertThatThrownBy(() -> stage(file, SourceFormat.CSV, SourceOptions.defaults(), PARCELS))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("missing [day, weight]")
        .hasMessageContaining("unexpected [colour]");
  }

  @Test
  void refusesDuplicateAndEmptyHeaderNames() throws IOException {
    Path duplicate = write("dup.csv", "id,Name,name\n1,a,b\n");
    assertThatThrownBy(
            () -> engine.inferColumns(duplicate, SourceFormat.CSV, SourceOptions.defaults()))
        .hasMessageContaining("names column 'name' twice");
    Path empty = write("empty.csv", "id,,name\n1,a,b\n");
    assertThatThrownBy(() -> engine.inferColumns(empty, SourceFormat.CSV, SourceOptions.defaults()))
        .hasMessageContaining("column 2 of the header has an empty name");
  }

  @Test
  void infersNormalizedColumnsAndTypesFromCsv() throws IOException {
    Path file =
        write(
            "communes.csv",
            "Code_postal;Libellé d'acheminement;Population;Surface\n01000;BOURG;41000;23,9\n");
    List<Column> columns =
        engine.inferColumns(
            file, SourceFormat.CSV, SourceOptions.defaults().withDecimalSeparator(','));
    assertThat(columns)
        .extracting(Column::name, c -> c.type().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("code_postal", "string"),
            org.assertj.core.groups.Tuple.tuple("libelle_d_acheminement", "string"),
            org.assertj.core.groups.Tuple.tuple("population", "integer"),
            org.assertj.core.groups.Tuple.tuple("surface", "double"));
  }

  @Test
  void quarantinesBadJsonLinesWithTheirLineNumbers() throws IOException {
    Path file =
        write(
            "events.jsonl",
            "{\"id\":1,\"name\":\"a\",\"weight\":1.5,\"day\":\"2024-01-02\"}\n"
                + "\n"
                + "{\"id\":\"x\",\"name\":\"b\"}\n"
                + "not json\n"
                + "[1,2]\n"
                + "{\"id\":4,\"name\":\"d\",\"day\":\"2024-02-30\"}\n"
                + "{\"id\":5,\"name\":\"e\",\"extra\":true}\n");
    StagedData staged = stage(file, SourceFormat.JSONL, SourceOptions.defaults(), PARCELS);
    assertThat(staged.rowsRead()).isEqualTo(6);
    assertThat(staged.rowsAccepted()).isEqualTo(2);
    assertThat(engine.readQuarantine(staged.quarantineFile().orElseThrow(), 0, 10))
        .extracting(QuarantinedRow::line, QuarantinedRow::column, QuarantinedRow::errorType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "id", "CAST"),
            org.assertj.core.groups.Tuple.tuple(4L, "", "INVALID_JSON"),
            org.assertj.core.groups.Tuple.tuple(5L, "", "NOT_AN_OBJECT"),
            org.assertj.core.groups.Tuple.tuple(6L, "day", "CAST"));
    assertThat(read(staged, List.of("id")).rows()).containsExactly(List.of(1L), List.of(5L));
  }

  @Test
  void validatesParquetSourcesAgainstDeclaredTypes() throws IOException {
    Path csv = write("src.csv", "id,name,weight,day\n1,a,1.0,2024-01-01\nseven,b,2.0,2024-01-02\n");
    Path parquet = directory.resolve("src.parquet");
    try (var connection = engine.connect();
        var statement = connection.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM read_csv('"
              + csv
              + "', all_varchar=true)) TO '"
              + parquet
              + "' (FORMAT parquet)");
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    StagedData staged = stage(parquet, SourceFormat.PARQUET, SourceOptions.defaults(), PARCELS);
    assertThat(staged.rowsAccepted()).isEqualTo(1);
    assertThat(engine.readQuarantine(staged.quarantineFile().orElseThrow(), 0, 10))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.line()).isEqualTo(2);
              assertThat(row.column()).isEqualTo("id");
              assertThat(row.raw()).contains("seven");
            });
  }

  @Test
  void pagesThroughRowsOfSeveralFiles() throws IOException {
    StagedData first =
        stage(
            write("a.csv", "id,name,weight,day\n1,a,1,\n2,b,2,\n"),
            SourceFormat.CSV,
            SourceOptions.defaults(),
            PARCELS);
    StagedData second =
        stage(
            write("b.csv", "id,name,weight,day\n3,c,3,\n"),
            SourceFormat.CSV,
            SourceOptions.defaults(),
            PARCELS);
    List<Path> files = new ArrayList<>();
    files.add(first.dataFiles().get(0).path());
    files.add(second.dataFiles().get(0).path());
    RowBatch page = engine.read(new ReadRequest(files, List.of("id"), 1, 5));
    assertThat(page.rows()).containsExactly(List.of(2L), List.of(3L));
  }

  @Test
  void writesLakeFilesInRowGroupsOf32768Rows() throws Exception {
    StringBuilder csv = new StringBuilder("id,name,weight,day\n");
    for (int i = 0; i < 80_000; i++) {
      csv.append(i).append(",n").append(i).append(",1.5,2024-01-02\n");
    }
    StagedData staged =
        stage(
            write("many.csv", csv.toString()), SourceFormat.CSV, SourceOptions.defaults(), PARCELS);

    Path data = staged.dataFiles().get(0).path();
    try (var connection = engine.connect();
        var statement = connection.createStatement();
        var rs =
            statement.executeQuery(
                "SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata("
                    + Sql.literal(data)
                    + ") ORDER BY row_group_id")) {
      List<Long> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getLong(2));
      }
      assertThat(rows).containsExactly(32_768L, 32_768L, 14_464L);
    }
  }

  @Test
  void quarantinesALineLongerThanDuckDbsDefaultReadBufferWhenItsLengthIsKnown() throws IOException {
    // with DuckDB's 32 MiB buffers and store_rejects, such a line is neither a row nor a reject
    String huge = "y".repeat(40 * 1024 * 1024);
    Path file =
        write(
            "longer.csv",
            "id,name,weight,day\n1,a,1.0,2024-01-01\n2," + huge + ",1.0,2024-01-01\n3,c,1.0,\n");
    long longest =
        io.comptoir.ingest.SourceFiles.scan(file, (p, f) -> {}).longestLine().getAsLong();

    StagedData staged = stageScanned(file, PARCELS);

    assertThat(longest).isEqualTo(huge.length() + "2,,1.0,2024-01-01".length());
    assertThat(staged.rowsRead()).isEqualTo(3);
    assertThat(staged.rowsQuarantined()).isEqualTo(1);
    assertThat(engine.readQuarantine(staged.quarantineFile().orElseThrow(), 0, 10))
        .extracting(QuarantinedRow::line, QuarantinedRow::errorType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "LINE_SIZE_OVER_MAXIMUM"));
  }

  @Test
  void quarantinesALineLongerThanDuckDbsDefaultReadBufferInAGzipFile() throws IOException {
    // the scan decompresses a gzip file to measure its lines, so its buffers are sized the same
    String huge = "y".repeat(40 * 1024 * 1024);
    Path file = directory.resolve("longer.csv.gz");
    try (java.io.OutputStream out =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(
          ("id,name,weight,day\n1,a,1.0,2024-01-01\n2," + huge + ",1.0,2024-01-01\n3,c,1.0,\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    io.comptoir.ingest.SourceFiles.Scan scan =
        io.comptoir.ingest.SourceFiles.scan(file, (p, f) -> {});
    assertThat(scan.longestLine()).hasValue(huge.length() + "2,,1.0,2024-01-01".length());
    assertThat(scan.lines()).hasValue(4);

    StagedData staged = stageScanned(file, PARCELS);

    assertThat(staged.rowsRead()).isEqualTo(3);
    assertThat(engine.readQuarantine(staged.quarantineFile().orElseThrow(), 0, 10))
        .extracting(QuarantinedRow::line, QuarantinedRow::errorType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "LINE_SIZE_OVER_MAXIMUM"));
  }

  @Test
  void validatesACsvLargerThanTheMemoryLimitWithTwoThreads() throws IOException {
    // DuckDB's default 32 MiB CSV buffers do not fit: "could not allocate block of size 28.6 MiB"
    engine.close();
    engine = new DuckDbEngine(new EngineSettings(directory.resolve("tmp-small"), "30MB", 2));
    Path file = directory.resolve("large.csv");
    long bad = 0;
    try (java.io.BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("id,name,weight,day\n");
      for (int i = 0; i < 800_000; i++) {
        if (i % 1000 == 7) {
          out.write(i + ",colis-numero-" + i + ",lourd,2024-01-02\n");
          bad++;
        } else {
          out.write(
              i + ",colis-numero-" + i + "," + (i % 97) / 4.0 + ",2024-01-" + (10 + i % 19) + "\n");
        }
      }
    }
    assertThat(Files.size(file)).isGreaterThan(30_000_000L);

    StagedData staged = stageScanned(file, PARCELS);

    assertThat(staged.rowsRead()).isEqualTo(800_000);
    assertThat(staged.rowsQuarantined()).isEqualTo(bad);
    assertThat(staged.quarantineCounts())
        .containsExactly(new io.comptoir.ingest.QuarantineCount("CAST", "weight", bad));
  }

  @Test
  void keepsEveryRecordWhenManyLongLinesAreRejected() throws IOException {
    // DuckDB's parallel CSV scanner dropped 3,620 of these 50,000 records (neither rows nor
    // rejects); the engine sees the lines missing and reads the file again with one thread
    Path file = directory.resolve("half-bad.csv");
    String name = "colis-".repeat(48);
    try (java.io.BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("id,name,weight,day\n");
      for (int i = 0; i < 50_000; i++) {
        out.write(i + "," + name + i + ",lourd,2024-01-02\n");
      }
    }
    io.comptoir.ingest.SourceFiles.Scan scan =
        io.comptoir.ingest.SourceFiles.scan(file, (p, f) -> {});
    assertThat(scan.lines()).hasValue(50_001);

    StagedData staged = stageScanned(file, PARCELS);

    assertThat(staged.rowsRead()).isEqualTo(50_000);
    assertThat(staged.rowsAccepted()).isZero();
    assertThat(staged.quarantineCounts())
        .containsExactly(new io.comptoir.ingest.QuarantineCount("CAST", "weight", 50_000));
  }

  /** Stages a file with what the ingestion's scan knows of it: its longest line and its lines. */
  private StagedData stageScanned(Path file, List<Column> columns) {
    io.comptoir.ingest.SourceFiles.Scan scan =
        io.comptoir.ingest.SourceFiles.scan(file, (p, f) -> {});
    Path staging = directory.resolve("staging-" + runs++);
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return engine.stage(
        new StageRequest(
                file, SourceFormat.CSV, SourceOptions.defaults(), columns, staging, "run" + runs)
            .withLines(scan.longestLine().orElseThrow(), scan.lines().orElseThrow()),
        (phase, fraction) -> {});
  }

  private StagedData stage(
      Path file, SourceFormat format, SourceOptions options, List<Column> columns) {
    Path staging = directory.resolve("staging-" + runs++);
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return engine.stage(
        new StageRequest(file, format, options, columns, staging, "run" + runs),
        (phase, fraction) -> {});
  }

  private RowBatch read(StagedData staged, List<String> columns) {
    return engine.read(
        new ReadRequest(
            staged.dataFiles().stream().map(StagedData.StagedFile::path).toList(),
            columns,
            0,
            100));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(directory.resolve(name), content);
  }

  @org.junit.jupiter.api.Test
  void givesSmallReadsAQuarterOfTheMemoryBetween16And256Megabytes() {
    org.assertj.core.api.Assertions.assertThat(DuckDbEngine.smallReadMemory("2GB"))
        .isEqualTo("256MB");
    org.assertj.core.api.Assertions.assertThat(DuckDbEngine.smallReadMemory("200MB"))
        .isEqualTo("50MB");
    org.assertj.core.api.Assertions.assertThat(DuckDbEngine.smallReadMemory("1GiB"))
        .isEqualTo("256MB");
    org.assertj.core.api.Assertions.assertThat(DuckDbEngine.smallReadMemory("40MB"))
        .isEqualTo("16MB");
    org.assertj.core.api.Assertions.assertThat(DuckDbEngine.smallReadMemory("512MiB"))
        .isEqualTo("134MB");
  }
}

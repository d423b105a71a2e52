package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.ingest.KeyedRows;
import io.comptoir.ingest.ReadRequest;
import io.comptoir.ingest.Rewrite;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.StagedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merge and scd2 versions written by DuckDB into real Parquet files. */
class KeyedWriteTest {
  private static final List<Column> PARCELS =
      List.of(
          Column.of("id", DataType.INTEGER),
          Column.of("site", DataType.STRING),
          Column.of("weight", DataType.decimal(10, 2)));
  private static final Instant MONDAY = Instant.parse("2024-03-04T08:00:00.123456Z");
  private static final Instant TUESDAY = Instant.parse("2024-03-05T08:00:00Z");
  private static final LocalDateTime MONDAY_UTC = LocalDateTime.ofInstant(MONDAY, ZoneOffset.UTC);
  private static final LocalDateTime TUESDAY_UTC = LocalDateTime.ofInstant(TUESDAY, ZoneOffset.UTC);

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
  void mergeReplacesRowsByKeyAndKeepsUntouchedFilesAsTheyAre() throws IOException {
    List<Path> first = paths(stage("id,site,weight\n1,A,1.00\n2,B,2.00\n"));
    List<Path> second = paths(stage("id,site,weight\n3,C,3.00\n4,D,4.00\n"));
    List<Path> previous = new ArrayList<>(first);
    previous.addAll(second);
    StagedData changes = stage("id,site,weight\n2,B,2.50\n5,E,5.00\n");

    Rewrite rewrite = engine.merge(keyed(previous, changes, List.of("id")));

    assertThat(rewrite.keptFiles()).as("no key of the second file changed").isEqualTo(second);
    assertThat(rewrite.writtenFiles()).hasSize(2);
    assertThat(rewrite.writtenFiles().get(0).rows()).as("the rest of the first file").isEqualTo(1);
    assertThat(rewrite.writtenFiles().get(1)).isEqualTo(changes.dataFiles().get(0));
    assertThat(rows(rewrite))
        .containsExactly(
            List.of(1L, "A", new BigDecimal("1.00")),
            List.of(2L, "B", new BigDecimal("2.50")),
            List.of(3L, "C", new BigDecimal("3.00")),
            List.of(4L, "D", new BigDecimal("4.00")),
            List.of(5L, "E", new BigDecimal("5.00")));
  }

  @Test
  void mergeMatchesEveryKeyColumnAndStartsFromNothingOnTheFirstLoad() throws IOException {
    Rewrite first =
        engine.merge(
            keyed(List.of(), stage("id,site,weight\n1,A,1.00\n1,B,2.00\n"), List.of("id", "site")));
    assertThat(first.keptFiles()).isEmpty();

    Rewrite second =
        engine.merge(
            keyed(files(first), stage("id,site,weight\n1,B,9.00\n"), List.of("id", "site")));

    assertThat(rows(second))
        .containsExactly(
            List.of(1L, "A", new BigDecimal("1.00")), List.of(1L, "B", new BigDecimal("9.00")));
  }

  @Test
  void mergeRefusesTwoNewRowsWithOneKeyAndRowsWithoutKey() throws IOException {
    StagedData twice = stage("id,site,weight\n1,A,1.00\n7,B,2.00\n7,C,3.00\n");
    StagedData empty = stage("id,site,weight\n1,A,1.00\n,B,2.00\n");

    assertThatThrownBy(() -> engine.merge(keyed(List.of(), twice, List.of("id"))))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("key (id=7) is held by 2 new rows: merge needs one row per key")
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.INVALID_INPUT);
    assertThatThrownBy(
            () ->
                engine.historize(keyed(List.of(), empty, List.of("id")), MONDAY, Optional.empty()))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("1 new row(s) have an empty key (id): scd2 needs a key on every row");
  }

  @Test
  void historyOpensNewKeysClosesChangedRowsAndLeavesTheOthers() throws IOException {
    Rewrite monday =
        engine.historize(
            keyed(
                List.of(), stage("id,site,weight\n1,A,1.00\n2,B,2.00\n4,D,4.00\n"), List.of("id")),
            MONDAY,
            Optional.empty());
    assertThat(rows(monday))
        .as("the first load opens every row")
        .containsExactly(
            List.of(1L, "A", new BigDecimal("1.00"), MONDAY_UTC, "null", true),
            List.of(2L, "B", new BigDecimal("2.00"), MONDAY_UTC, "null", true),
            List.of(4L, "D", new BigDecimal("4.00"), MONDAY_UTC, "null", true));

    Rewrite tuesday =
        engine.historize(
            keyed(
                files(monday),
                stage("id,site,weight\n1,A,1.00\n2,B,2.50\n3,C,3.00\n"),
                List.of("id")),
            TUESDAY,
            Optional.empty());

    assertThat(rows(tuesday))
        .containsExactly(
            List.of(1L, "A", new BigDecimal("1.00"), MONDAY_UTC, "null", true),
            List.of(2L, "B", new BigDecimal("2.00"), MONDAY_UTC, TUESDAY_UTC, false),
            List.of(2L, "B", new BigDecimal("2.50"), TUESDAY_UTC, "null", true),
            List.of(3L, "C", new BigDecimal("3.00"), TUESDAY_UTC, "null", true),
            List.of(4L, "D", new BigDecimal("4.00"), MONDAY_UTC, "null", true));

    Rewrite again =
        engine.historize(
            keyed(files(tuesday), stage("id,site,weight\n1,A,1.00\n3,C,3.00\n"), List.of("id")),
            TUESDAY.plusSeconds(3600),
            Optional.empty());
    assertThat(again.keptFiles()).as("nothing changed: every file kept").isEqualTo(files(tuesday));
    assertThat(again.writtenFiles()).isEmpty();
  }

  @Test
  void historyStartsFromAVersionWithoutHistoryAsCurrentRows() throws IOException {
    List<Path> snapshot = paths(stage("id,site,weight\n1,A,1.00\n2,B,2.00\n"));

    Rewrite history =
        engine.historize(
            keyed(snapshot, stage("id,site,weight\n2,B,2.50\n"), List.of("id")),
            TUESDAY,
            Optional.of(MONDAY));

    assertThat(history.keptFiles()).isEmpty();
    assertThat(rows(history))
        .containsExactly(
            List.of(1L, "A", new BigDecimal("1.00"), MONDAY_UTC, "null", true),
            List.of(2L, "B", new BigDecimal("2.00"), MONDAY_UTC, TUESDAY_UTC, false),
            List.of(2L, "B", new BigDecimal("2.50"), TUESDAY_UTC, "null", true));
  }

  private KeyedRows keyed(List<Path> previous, StagedData changes, List<String> keys)
      throws IOException {
    Path staging = Files.createDirectories(directory.resolve("keyed-" + runs++));
    return new KeyedRows(previous, changes.dataFiles(), PARCELS, keys, staging, "run" + runs);
  }

  private StagedData stage(String csv) throws IOException {
    Path staging = Files.createDirectories(directory.resolve("staging-" + runs++));
    Path file = Files.writeString(directory.resolve("source-" + runs + ".csv"), csv);
    return engine.stage(
        new StageRequest(
            file, SourceFormat.CSV, SourceOptions.defaults(), PARCELS, staging, "run" + runs),
        (phase, fraction) -> {});
  }

  private static List<Path> paths(StagedData staged) {
    return staged.dataFiles().stream().map(StagedData.StagedFile::path).toList();
  }

  private static List<Path> files(Rewrite rewrite) {
    List<Path> files = new ArrayList<>(rewrite.keptFiles());
    rewrite.writtenFiles().forEach(f -> files.add(f.path()));
    return files;
  }

  /** Every row of the version, sorted by key then validity, nulls shown as "null". */
  private List<List<Object>> rows(Rewrite rewrite) {
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row :
        engine.read(new ReadRequest(files(rewrite), List.of(), 0, 1000)).rows()) {
      rows.add(row.stream().map(v -> v == null ? (Object) "null" : v).toList());
    }
    rows.sort(
        Comparator.<List<Object>, String>comparing(r -> r.get(0) + "|" + r.get(1))
            .thenComparing(r -> String.valueOf(r.size() > 3 ? r.get(3) : "")));
    return rows;
  }
}

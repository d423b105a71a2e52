package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.QualityCheckRequest;
import io.comptoir.ingest.QualityCheckResult;
import io.comptoir.ingest.QuarantineCount;
import io.comptoir.ingest.QuarantinedRow;
import io.comptoir.ingest.ReadRequest;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import io.comptoir.ingest.StageRequest;
import io.comptoir.ingest.StagedData;
import io.comptoir.quality.QualityRule;
import io.comptoir.quality.RuleType;
import io.comptoir.quality.Severity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityCheckerTest {
  private static final List<Column> PARCELS =
      List.of(
          Column.of("id", DataType.INTEGER),
          Column.of("code", DataType.STRING),
          Column.of("weight", DataType.DOUBLE),
          Column.of("status", DataType.STRING),
          Column.of("sent", DataType.TIMESTAMP));

  // id 3 has no code; ids 2 and 2 repeat; weight 120 out of range; status 'lost' not allowed;
  // code 'zz' does not match; code 'P9' is not among the reference codes
  private static final String CSV =
      "id,code,weight,status,sent\n"
          + "1,P1,1.5,sent,2026-11-20 10:00:00\n"
          + "2,P2,2.0,sent,2026-11-21 10:00:00\n"
          + "2,P2,3.0,delivered,2026-11-22 10:00:00\n"
          + "3,,4.0,sent,2026-11-23 10:00:00\n"
          + "4,P4,120,sent,2026-11-24 10:00:00\n"
          + "5,P5,5.0,lost,2026-11-25 10:00:00\n"
          + "6,zz,6.0,sent,2026-11-26 10:00:00\n"
          + "7,P9,7.0,sent,2026-11-26 12:00:00\n";

  @TempDir Path directory;
  private DuckDbEngine engine;

  @BeforeEach
  void start() {
    engine = new DuckDbEngine(EngineSettings.defaults(directory.resolve("tmp")));
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void everyRowLevelRuleCountsItsFailingRows() throws IOException {
    QualityCheckResult result = check(warnRules(), Map.of("known-codes", referenceFiles()));

    assertThat(result.failingRows())
        .containsEntry("code-set", 1L)
        .containsEntry("id-unique", 2L)
        .containsEntry("weight-range", 1L)
        .containsEntry("code-format", 2L)
        .containsEntry("status-values", 1L)
        .containsEntry("known-codes", 2L)
        .containsEntry("heavy-sent", 1L);
    // warn rules only count: nothing moved
    assertThat(result.staged().rowsAccepted()).isEqualTo(8);
    assertThat(result.staged().quarantineFile()).isEmpty();
  }

  @Test
  void rowsFailingAnErrorRuleGoToTheQuarantineNamingTheRule() throws IOException {
    List<QualityRule> rules =
        List.of(
            QualityRule.of("code-set", RuleType.NOT_NULL, Severity.ERROR, "code"),
            QualityRule.of("weight-range", RuleType.RANGE, Severity.ERROR, "weight")
                .withBounds(Optional.of(BigDecimal.ZERO), Optional.of(BigDecimal.valueOf(100))),
            QualityRule.of("status-values", RuleType.ALLOWED_VALUES, Severity.WARN, "status")
                .withValues(List.of("sent", "delivered")));
    QualityCheckResult result = check(rules, Map.of());

    StagedData staged = result.staged();
    assertThat(staged.rowsRead()).isEqualTo(8);
    assertThat(staged.rowsAccepted()).isEqualTo(6);
    assertThat(staged.rowsQuarantined()).isEqualTo(2);
    assertThat(staged.quarantineCounts())
        .extracting(QuarantineCount::errorType, QuarantineCount::column, QuarantineCount::rows)
        .containsExactlyInAnyOrder(tuple("QUALITY", "code", 1L), tuple("QUALITY", "weight", 1L));
    List<QuarantinedRow> rows = engine.readQuarantine(staged.quarantineFile().orElseThrow(), 0, 10);
    assertThat(rows)
        .extracting(QuarantinedRow::errorType, QuarantinedRow::message)
        .containsExactly(
            tuple("QUALITY", "quality rule 'code-set' (not_null) failed"),
            tuple("QUALITY", "quality rule 'weight-range' (range) failed"));
    assertThat(rows.get(1).raw()).contains("weight").contains("120");
    // the rows kept are the others, warn failures included
    List<Object> ids =
        engine
            .read(
                new ReadRequest(
                    staged.dataFiles().stream().map(StagedData.StagedFile::path).toList(),
                    List.of("id"),
                    0,
                    100))
            .rows()
            .stream()
            .map(row -> row.get(0))
            .toList();
    assertThat(ids).containsExactly(1L, 2L, 2L, 5L, 6L, 7L);
  }

  @Test
  void aUniqueRuleOnSeveralColumnsComparesTheirCombination() throws IOException {
    // ids 2 and 2 share the code P2 but not the status
    List<QualityRule> rules =
        List.of(
            QualityRule.of("id-code-unique", RuleType.UNIQUE, Severity.ERROR, "id", "code"),
            QualityRule.of("id-status-unique", RuleType.UNIQUE, Severity.WARN, "id", "status"));

    QualityCheckResult result = check(rules, Map.of());

    assertThat(result.failingRows())
        .containsEntry("id-code-unique", 2L)
        .containsEntry("id-status-unique", 0L);
    assertThat(result.staged().rowsAccepted()).isEqualTo(6);
    List<QuarantinedRow> rows =
        engine.readQuarantine(result.staged().quarantineFile().orElseThrow(), 0, 10);
    assertThat(rows)
        .extracting(QuarantinedRow::message)
        .containsExactly(
            "quality rule 'id-code-unique' (unique) failed",
            "quality rule 'id-code-unique' (unique) failed");
  }

  @Test
  void qualityRowsJoinTheRowsQuarantinedByValidation() throws IOException {
    Path file =
        Files.writeString(
            directory.resolve("bad.csv"), CSV + "x,P8,1.0,sent,2026-11-26 12:00:00\n");
    StagedData staged = stage(file);
    assertThat(staged.rowsQuarantined()).isEqualTo(1);

    QualityCheckResult result =
        engine.checkQuality(
            new QualityCheckRequest(
                staged,
                PARCELS,
                List.of(QualityRule.of("code-set", RuleType.NOT_NULL, Severity.ERROR, "code")),
                Map.of(),
                staged.dataFiles().get(0).path().getParent(),
                "run-quality"));

    assertThat(result.staged().rowsQuarantined()).isEqualTo(2);
    assertThat(engine.readQuarantine(result.staged().quarantineFile().orElseThrow(), 0, 10))
        .extracting(QuarantinedRow::errorType)
        .containsExactlyInAnyOrder("CAST", "QUALITY");
  }

  @Test
  void measuresTheNewestValueOfAFreshnessColumn() throws IOException {
    QualityCheckResult result =
        check(
            List.of(
                QualityRule.of("recent", RuleType.FRESHNESS, Severity.ERROR, "sent")
                    .withMaxAge(Duration.ofDays(1))),
            Map.of());
    assertThat(result.newest()).containsEntry("recent", Instant.parse("2026-11-26T12:00:00Z"));
  }

  @Test
  void aReferenceToAProductWithoutVersionFailsEveryValue() throws IOException {
    QualityRule rule =
        QualityRule.of("known-codes", RuleType.REFERENCE, Severity.WARN, "code")
            .withReference(new QualityRule.Reference(ProductId.of("codes"), "code"));
    QualityCheckResult result = check(List.of(rule), Map.of("known-codes", List.of()));
    assertThat(result.failingRows()).containsEntry("known-codes", 7L);
  }

  @Test
  void aHostileCustomRuleIsRefusedAtEvaluationToo() throws IOException {
    QualityRule rule =
        QualityRule.of("sneaky", RuleType.CUSTOM_SQL, Severity.WARN)
            .withCondition("id IN (SELECT 1 FROM read_csv('/etc/passwd'))");
    assertThatThrownBy(() -> check(List.of(rule), Map.of()))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("custom SQL refused");
  }

  private List<QualityRule> warnRules() {
    return List.of(
        QualityRule.of("code-set", RuleType.NOT_NULL, Severity.WARN, "code"),
        QualityRule.of("id-unique", RuleType.UNIQUE, Severity.WARN, "id"),
        QualityRule.of("weight-range", RuleType.RANGE, Severity.WARN, "weight")
            .withBounds(Optional.of(BigDecimal.ZERO), Optional.of(BigDecimal.valueOf(100))),
        QualityRule.of("code-format", RuleType.REGEX, Severity.WARN, "code").withPattern("P[0-8]"),
        QualityRule.of("status-values", RuleType.ALLOWED_VALUES, Severity.WARN, "status")
            .withValues(List.of("sent", "delivered")),
        QualityRule.of("known-codes", RuleType.REFERENCE, Severity.WARN, "code")
            .withReference(new QualityRule.Reference(ProductId.of("codes"), "code")),
        QualityRule.of("heavy-sent", RuleType.CUSTOM_SQL, Severity.WARN)
            .withCondition("weight < 100 OR status = 'delivered'"));
  }

  private List<Path> referenceFiles() throws IOException {
    Path codes = Files.writeString(directory.resolve("codes.csv"), "code\nP1\nP2\nP4\nP5\nP6\n");
    Path staging = Files.createDirectories(directory.resolve("ref-staging"));
    StagedData staged =
        engine.stage(
            new StageRequest(
                codes,
                SourceFormat.CSV,
                SourceOptions.defaults(),
                List.of(Column.of("code", DataType.STRING)),
                staging,
                "ref"),
            (phase, fraction) -> {});
    return staged.dataFiles().stream().map(StagedData.StagedFile::path).toList();
  }

  private QualityCheckResult check(List<QualityRule> rules, Map<String, List<Path>> references)
      throws IOException {
    StagedData staged = stage(Files.writeString(directory.resolve("parcels.csv"), CSV));
    return engine.checkQuality(
        new QualityCheckRequest(
            staged,
            PARCELS,
            rules,
            references,
            staged.dataFiles().get(0).path().getParent(),
            "run-quality"));
  }

  private StagedData stage(Path file) throws IOException {
    Path staging = Files.createDirectories(directory.resolve("staging"));
    return engine.stage(
        new StageRequest(file, SourceFormat.CSV, SourceOptions.defaults(), PARCELS, staging, "run"),
        (phase, fraction) -> {});
  }
}

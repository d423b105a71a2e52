package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.ingest.ColumnProfile;
import io.comptoir.ingest.Histogram;
import io.comptoir.ingest.ProfileRequest;
import io.comptoir.ingest.ValueCount;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerTest {
  private static final List<Column> COLUMNS =
      List.of(
          Column.of("id", DataType.INTEGER),
          Column.of("city", DataType.STRING),
          new Column("email", DataType.STRING, "", PersonalDataCategory.IDENTIFIER, ""),
          Column.of("weight", DataType.decimal(10, 2)));

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
  void profilesCountsExtremesQuantilesTopValuesAndAHistogram() throws Exception {
    Path file =
        parquet(
            "v1.parquet",
            "SELECT i AS id, CASE WHEN i % 4 = 0 THEN 'Lyon' WHEN i % 10 = 1 THEN NULL ELSE"
                + " 'Paris' END AS city, 'p' || i || '@example.org' AS email,"
                + " CAST(i / 10 AS DECIMAL(10,2)) AS weight FROM range(1, 1001) t(i)");

    List<ColumnProfile> profiles =
        engine.profile(new ProfileRequest(List.of(file), COLUMNS, Map.of()));

    ColumnProfile id = profiles.get(0);
    assertThat(id.rows()).isEqualTo(1000);
    assertThat(id.nulls()).isZero();
    assertThat(id.distinct()).isBetween(900L, 1000L);
    assertThat(id.min()).contains("1");
    assertThat(id.max()).contains("1000");
    assertThat(id.mean()).hasValueSatisfying(m -> assertThat(m).isEqualTo(500.5));
    assertThat(id.quantiles()).hasSize(5);
    assertThat(id.quantiles().get(2)).isBetween(480.0, 520.0);
    assertThat(id.histogram())
        .hasValueSatisfying(
            h -> {
              assertThat(h.low()).isEqualTo(1.0);
              assertThat(h.high()).isEqualTo(1000.0);
              assertThat(h.total()).isEqualTo(1000);
              assertThat(h.counts()).allSatisfy(c -> assertThat(c).isBetween(99L, 101L));
            });
    ColumnProfile city = profiles.get(1);
    assertThat(city.nulls()).isEqualTo(100);
    assertThat(city.topValues())
        .containsExactly(new ValueCount("Paris", 650), new ValueCount("Lyon", 250));
    assertThat(city.histogram()).isEmpty();
    ColumnProfile email = profiles.get(2);
    assertThat(email.personal()).isTrue();
    assertThat(email.distinct()).isPositive();
    assertThat(email.min()).isEmpty();
    assertThat(email.max()).isEmpty();
    assertThat(email.topValues()).isEmpty();
    assertThat(profiles.get(3).histogram()).isPresent();
  }

  @Test
  void binsANewVersionWithThePreviousVersionsEdges() throws Exception {
    Path file =
        parquet(
            "v2.parquet",
            "SELECT i AS id, 'x' AS city, 'e' AS email, CAST(0 AS DECIMAL(10,2)) AS weight"
                + " FROM range(-50, 150) t(i)");
    Histogram previous = new Histogram(0, 100, List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));

    ColumnProfile id =
        engine.profile(new ProfileRequest(List.of(file), COLUMNS, Map.of("id", previous))).get(0);

    assertThat(id.histogram())
        .hasValueSatisfying(
            h -> {
              assertThat(h.low()).isZero();
              assertThat(h.high()).isEqualTo(100.0);
              // -50..9 in the first bin, 90..149 in the last
              assertThat(h.counts())
                  .containsExactly(60L, 10L, 10L, 10L, 10L, 10L, 10L, 10L, 10L, 60L);
            });
  }

  @Test
  void givesNoTopValuesToALargeColumnOfMostlyDistinctValues() throws Exception {
    Path file =
        parquet(
            "large.parquet",
            "SELECT i AS id, CASE WHEN i % 3 = 0 THEN 'Lyon' ELSE 'Paris' END AS city,"
                + " 'e' AS email, CAST(i % 7 AS DECIMAL(10,2)) AS weight"
                + " FROM range(0, 150000) t(i)");

    List<ColumnProfile> profiles =
        engine.profile(new ProfileRequest(List.of(file), COLUMNS, Map.of()));

    assertThat(profiles.get(0).topValues()).as("id: every value once").isEmpty();
    assertThat(profiles.get(0).histogram()).isPresent();
    assertThat(profiles.get(1).topValues())
        .containsExactly(new ValueCount("Paris", 100_000), new ValueCount("Lyon", 50_000));
    assertThat(profiles.get(3).topValues()).hasSize(7);
    assertThat(Profiler.nearlyUnique(99_999, 99_999)).as("small columns keep theirs").isFalse();
    assertThat(Profiler.nearlyUnique(200_000, 99_999)).isFalse();
    assertThat(Profiler.nearlyUnique(200_000, 100_000)).isTrue();
  }

  private Path parquet(String name, String select) throws Exception {
    Path file = directory.resolve(name);
    try (Connection connection = engine.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("COPY (" + select + ") TO " + Sql.literal(file) + " (FORMAT PARQUET)");
    }
    return file;
  }
}

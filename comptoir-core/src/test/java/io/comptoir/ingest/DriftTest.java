package io.comptoir.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.comptoir.catalog.DataType;
import io.comptoir.catalog.ProductId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftTest {
  private static final ProductId PRODUCT = new ProductId("postcodes");
  private static final Drift.Thresholds LIMITS = Drift.Thresholds.defaults();

  @Test
  void identicalHistogramsHaveAPsiOfZero() {
    List<Long> counts = List.of(10L, 20L, 30L, 40L, 50L, 50L, 40L, 30L, 20L, 10L);

    assertThat(Drift.psi(counts, counts)).isEqualTo(0.0);
  }

  @Test
  void aShiftedDistributionIsAboveThePsiThreshold() {
    VersionProfile before =
        profile(1, numeric("weight", List.of(10L, 20L, 30L, 40L, 50L, 50L, 40L, 30L, 20L, 10L)));
    VersionProfile after =
        profile(2, numeric("weight", List.of(0L, 0L, 10L, 20L, 30L, 40L, 50L, 50L, 40L, 60L)));

    Drift drift = Drift.between(before, after, LIMITS);

    assertThat(drift.valueDrifts())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.measure()).isEqualTo(Drift.Measure.PSI);
              assertThat(d.value()).isGreaterThan(0.2);
              assertThat(d.above()).isTrue();
            });
    assertThat(drift.alerting()).isTrue();
  }

  @Test
  void aSlightlyNoisyDistributionStaysBelowThePsiThreshold() {
    List<Long> before = List.of(100L, 200L, 300L, 400L, 500L, 500L, 400L, 300L, 200L, 100L);
    List<Long> after = List.of(105L, 195L, 310L, 390L, 505L, 495L, 410L, 290L, 205L, 95L);

    assertThat(Drift.psi(before, after)).isLessThan(0.01);
  }

  @Test
  void identicalTopValuesHaveAJensenShannonOfZero() {
    List<ValueCount> values = List.of(new ValueCount("A", 50), new ValueCount("B", 30));

    assertThat(Drift.jensenShannon(values, 100, values, 100)).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void disjointTopValuesHaveAJensenShannonOfOne() {
    double js =
        Drift.jensenShannon(
            List.of(new ValueCount("A", 100)), 100, List.of(new ValueCount("B", 100)), 100);

    assertThat(js).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aChangedCategoryMixIsAboveTheJensenShannonThreshold() {
    VersionProfile before =
        profile(
            1, categorical("city", 100, new ValueCount("Paris", 70), new ValueCount("Lyon", 30)));
    VersionProfile after =
        profile(
            2, categorical("city", 100, new ValueCount("Paris", 20), new ValueCount("Lyon", 80)));

    Drift drift = Drift.between(before, after, LIMITS);

    assertThat(drift.valueDrifts())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.measure()).isEqualTo(Drift.Measure.JS);
              assertThat(d.above()).isTrue();
            });
  }

  @Test
  void columnsAddedRemovedAndRetypedAreSchemaChanges() {
    VersionProfile before =
        profile(
            1,
            categorical("code", 10, new ValueCount("01400", 10)),
            categorical("coordonnees_gps", 10, new ValueCount("46.1,5.2", 10)));
    VersionProfile after =
        profile(
            2,
            numeric("code", List.of(10L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L)),
            numeric("latitude", List.of(10L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L)),
            numeric("longitude", List.of(10L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L)));

    Drift drift = Drift.between(before, after, LIMITS);

    assertThat(drift.schemaChanges())
        .extracting(Drift.SchemaChange::column, Drift.SchemaChange::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("code", Drift.ChangeKind.RETYPED),
            org.assertj.core.groups.Tuple.tuple("coordonnees_gps", Drift.ChangeKind.REMOVED),
            org.assertj.core.groups.Tuple.tuple("latitude", Drift.ChangeKind.ADDED),
            org.assertj.core.groups.Tuple.tuple("longitude", Drift.ChangeKind.ADDED));
    assertThat(drift.valueDrifts()).isEmpty();
    assertThat(drift.alerting()).isTrue();
  }

  @Test
  void anUnchangedVersionDoesNotAlert() {
    ColumnProfile city = categorical("city", 100, new ValueCount("Paris", 70));

    Drift drift = Drift.between(profile(1, city), profile(2, city), LIMITS);

    assertThat(drift.alerting()).isFalse();
    assertThat(drift.valueDrifts())
        .singleElement()
        .extracting(Drift.ValueDrift::value)
        .isEqualTo(0.0);
  }

  private static VersionProfile profile(int version, ColumnProfile... columns) {
    return new VersionProfile(PRODUCT, version, columns[0].rows(), List.of(columns));
  }

  private static ColumnProfile numeric(String name, List<Long> counts) {
    long rows = counts.stream().mapToLong(Long::longValue).sum();
    return new ColumnProfile(
        name,
        DataType.DOUBLE,
        false,
        rows,
        0,
        10,
        Optional.of("0.0"),
        Optional.of("10.0"),
        Optional.of(5.0),
        List.of(),
        List.of(),
        Optional.of(new Histogram(0, 10, counts)));
  }

  private static ColumnProfile categorical(String name, long rows, ValueCount... values) {
    return new ColumnProfile(
        name,
        DataType.STRING,
        false,
        rows,
        0,
        values.length,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(values),
        Optional.empty());
  }
}

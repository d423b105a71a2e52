package io.comptoir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.ProductId;
import io.comptoir.ingest.SourceEncoding;
import io.comptoir.ingest.SourceFiles;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates every demo file once (real DuckDB, a few seconds) and checks them with DuckDB. */
class DemoFilesIT {
  @TempDir static Path directory;
  private static final Map<ProductId, DemoFile> files = new LinkedHashMap<>();

  @BeforeAll
  static void generateEveryFile() {
    for (DemoFile file : DemoFiles.writeAll(directory.resolve("first"))) {
      files.put(file.product(), file);
    }
  }

  @Test
  void writesOneFilePerProductWithTheDeclaredColumnsAsHeader() throws Exception {
    assertThat(files.keySet()).containsExactlyElementsOf(DemoCatalog.productIds());
    for (DemoFile file : files.values()) {
      List<String> declared = DemoCatalog.columnNames(file.product());
      assertThat(file.path().getFileName().toString())
          .isEqualTo(DemoFiles.fileName(file.product()))
          .startsWith(file.product().value());
      assertThat(header(file)).as("header of %s", file.product()).isEqualTo(declared);
    }
  }

  @Test
  void writesTheExpectedNumberOfRows() throws Exception {
    assertThat(files.get(DemoCatalog.POSTAL_CODES).rows()).isEqualTo(39_192);
    assertThat(files.get(DemoCatalog.CUSTOMERS).rows()).isEqualTo(20_000);
    assertThat(files.get(DemoCatalog.POST_OFFICES).rows()).isEqualTo(1_800);
    assertThat(files.get(DemoCatalog.MAIL_VOLUMES).rows()).isEqualTo(100 * 304);
    assertThat(files.get(DemoCatalog.PARCELS).rows()).isEqualTo(200_000);
    assertThat(files.get(DemoCatalog.BANK_TRANSACTIONS).rows()).isEqualTo(60_000);
    assertThat(files.get(DemoCatalog.INSURANCE_CONTRACTS).rows()).isEqualTo(8_000);
    assertThat(files.get(DemoCatalog.COMPLAINTS).rows()).isEqualTo(5_000);
    assertThat(files.get(DemoCatalog.DIGITAL_IDENTITIES).rows()).isEqualTo(6_000);
    assertThat(files.get(DemoCatalog.BANK_ACCOUNTS).rows()).isBetween(15_000L, 25_000L);
    for (DemoFile file : files.values()) {
      long rows =
          switch (file.options().format().orElseThrow()) {
            case CSV -> lineCount(file.path()) - 1;
            case JSONL -> lineCount(file.path());
            case PARQUET -> queryLong("SELECT count(*) FROM " + parquet(file.path()));
          };
      assertThat(rows).as("rows of %s", file.product()).isEqualTo(file.rows());
    }
  }

  @Test
  void writesATrackingEventsProductOfAtLeastAMillionRows() throws Exception {
    Path events = files.get(DemoCatalog.TRACKING_EVENTS).path();
    assertThat(events.getFileName().toString()).endsWith(".parquet");
    assertThat(queryLong("SELECT count(*) FROM " + parquet(events)))
        .isGreaterThanOrEqualTo(1_000_000);
    // every parcel's events are numbered 1..n without gap, in time order, n as in colis-expedies
    assertThat(
            queryLong(
                "SELECT count(*) FROM (SELECT numero_suivi, rang_evenement, horodatage,"
                    + " lag(horodatage) OVER w AS before, lag(rang_evenement) OVER w AS previous"
                    + " FROM "
                    + parquet(events)
                    + " WINDOW w AS (PARTITION BY numero_suivi ORDER BY rang_evenement))"
                    + " WHERE (previous IS NULL AND rang_evenement <> 1)"
                    + " OR (previous IS NOT NULL AND (rang_evenement <> previous + 1"
                    + " OR horodatage <= before))"))
        .isZero();
    assertThat(
            queryLong(
                "SELECT count(*) FROM (SELECT numero_suivi, count(*) AS n FROM "
                    + parquet(events)
                    + " GROUP BY numero_suivi) e FULL JOIN "
                    + csv(files.get(DemoCatalog.PARCELS))
                    + " p USING (numero_suivi)"
                    + " WHERE e.n IS NULL OR p.numero_suivi IS NULL"
                    + " OR e.n <> CAST(p.nombre_evenements AS BIGINT)"))
        .isZero();
  }

  @Test
  void everyValueParsesAsItsDeclaredType() throws Exception {
    for (DemoFile file : files.values()) {
      SourceFormat format = file.options().format().orElseThrow();
      DeclaredTypes.Check check =
          DeclaredTypes.check(
              utf8(file),
              format,
              file.options(),
              DemoCatalog.product(file.product(), Instant.EPOCH).columns());
      assertThat(check.invalidByColumn()).as("invalid values in %s", file.product()).isEmpty();
      assertThat(check.invalidRows()).as("invalid rows in %s", file.product()).isZero();
      assertThat(check.rows()).as("rows of %s", file.product()).isEqualTo(file.rows());
    }
  }

  @Test
  void generatesTheSameBytesEveryTime() throws Exception {
    for (DemoFile again : DemoFiles.writeAll(directory.resolve("second"))) {
      DemoFile first = files.get(again.product());
      assertThat(again.rows()).isEqualTo(first.rows());
      assertThat(Files.mismatch(first.path(), again.path()))
          .as("first differing byte of %s", again.product())
          .isEqualTo(-1L);
    }
  }

  @Test
  void keepsLeadingZerosAndTypedCoordinatesInThePostcodes() throws Exception {
    String postcodes = csv(files.get(DemoCatalog.POSTAL_CODES));
    assertThat(queryLong("SELECT count(*) FROM " + postcodes + " WHERE code_postal LIKE '0%'"))
        .isGreaterThan(1_000);
    assertThat(queryLong("SELECT count(*) FROM " + postcodes + " WHERE length(code_postal) <> 5"))
        .isZero();
    assertThat(
            queryLong(
                "SELECT count(*) FROM "
                    + postcodes
                    + " WHERE TRY_CAST(latitude AS DOUBLE) BETWEEN -90 AND 90"
                    + " AND TRY_CAST(longitude AS DOUBLE) BETWEEN -180 AND 180"))
        .isEqualTo(39_192 - 270);
  }

  @Test
  void exercisesTheIngestionOptions() throws Exception {
    DemoFile customers = files.get(DemoCatalog.CUSTOMERS);
    assertThat(customers.options().encoding()).isEqualTo(SourceEncoding.WINDOWS_1252);
    assertThat(customers.options().delimiter()).contains(';');
    assertThat(SourceFiles.detectEncoding(customers.path())).isEqualTo(SourceEncoding.WINDOWS_1252);
    assertThat(Files.readString(customers.path(), SourceFiles.charset(SourceEncoding.WINDOWS_1252)))
        .contains("Mme;Hélène;")
        .containsPattern(";\\d{2}/\\d{2}/\\d{4};\\d{2}/\\d{2}/\\d{4};");

    DemoFile contracts = files.get(DemoCatalog.INSURANCE_CONTRACTS);
    assertThat(contracts.options().encoding()).isEqualTo(SourceEncoding.ISO_8859_1);
    assertThat(Files.readString(contracts.path(), StandardCharsets.ISO_8859_1))
        .contains(",Prévoyance décès,");

    DemoFile transactions = files.get(DemoCatalog.BANK_TRANSACTIONS);
    assertThat(transactions.options().decimalSeparator()).isEqualTo(',');
    assertThat(Files.readAllLines(transactions.path()).get(1))
        .matches(
            "OP2024\\d{9};FR76\\d{23};\\d{2}/\\d{2}/2024;\\d{2}/\\d{2}/2024;.+;-?\\d+,\\d{2};.+");

    assertThat(files.get(DemoCatalog.MAIL_VOLUMES).options().delimiter()).contains('\t');
    assertThat(files.get(DemoCatalog.COMPLAINTS).path()).content().contains("\"\"éventré\"\"");
    assertThat(files.get(DemoCatalog.POST_OFFICES).options().format()).contains(SourceFormat.JSONL);
    assertThat(files.get(DemoCatalog.TRACKING_EVENTS).options().format())
        .contains(SourceFormat.PARQUET);
    for (DemoFile file : files.values()) {
      SourceEncoding declared = file.options().encoding();
      if (declared == SourceEncoding.UTF_8) {
        assertThat(SourceFiles.detectEncoding(file.path()))
            .as("%s", file.product())
            .isEqualTo(declared);
      }
      assertThat(DemoFiles.options(file.product())).isEqualTo(file.options());
      assertThat(file.request().options()).isEqualTo(file.options());
      assertThat(file.request().product()).isEqualTo(file.product());
    }
  }

  @Test
  void keepsTheProductsConsistentWithEachOther() throws Exception {
    String customers = csv(files.get(DemoCatalog.CUSTOMERS));
    for (ProductId product :
        List.of(
            DemoCatalog.PARCELS,
            DemoCatalog.BANK_ACCOUNTS,
            DemoCatalog.INSURANCE_CONTRACTS,
            DemoCatalog.COMPLAINTS,
            DemoCatalog.DIGITAL_IDENTITIES)) {
      assertThat(
              queryLong(
                  "SELECT count(*) FROM "
                      + source(files.get(product))
                      + " x WHERE x.client_id IS NOT NULL AND x.client_id NOT IN"
                      + " (SELECT client_id FROM "
                      + customers
                      + ")"))
          .as("unknown customers in %s", product)
          .isZero();
    }
    assertThat(
            queryLong(
                "SELECT count(*) FROM "
                    + csv(files.get(DemoCatalog.BANK_TRANSACTIONS))
                    + " WHERE iban NOT IN (SELECT iban FROM "
                    + csv(files.get(DemoCatalog.BANK_ACCOUNTS))
                    + " WHERE type_compte = 'COMPTE_COURANT')"))
        .isZero();
    assertThat(
            queryLong(
                "SELECT count(*) FROM "
                    + csv(files.get(DemoCatalog.COMPLAINTS))
                    + " WHERE numero_suivi IS NOT NULL AND numero_suivi NOT IN"
                    + " (SELECT numero_suivi FROM "
                    + csv(files.get(DemoCatalog.PARCELS))
                    + ")"))
        .isZero();
    assertThat(
            queryLong(
                "SELECT count(DISTINCT code_site) FROM "
                    + csv(files.get(DemoCatalog.MAIL_VOLUMES))
                    + " WHERE code_site IN (SELECT code_site FROM "
                    + source(files.get(DemoCatalog.POST_OFFICES))
                    + " WHERE type_point = 'BUREAU_DE_POSTE')"))
        .isEqualTo(100);
    assertThat(
            queryLong(
                "SELECT count(*) FROM "
                    + csv(files.get(DemoCatalog.PARCELS))
                    + " WHERE code_postal_destination NOT IN (SELECT code_postal FROM "
                    + csv(files.get(DemoCatalog.POSTAL_CODES))
                    + ")"))
        .isZero();
    try (Stream<String> lines = Files.lines(files.get(DemoCatalog.BANK_ACCOUNTS).path())) {
      assertThat(lines.skip(1).map(line -> line.substring(0, line.indexOf(';'))))
          .allMatch(FrenchIban::isValid);
    }
  }

  @Test
  void writesTrackingEventsOfAnySizeForBenchmarks() throws Exception {
    DemoFile events =
        DemoFiles.writeTrackingEvents(directory.resolve("bench"), 1_000, SourceFormat.CSV);
    assertThat(events.product()).isEqualTo(DemoCatalog.TRACKING_EVENTS);
    assertThat(events.path().getFileName().toString()).isEqualTo("suivi-colis-evenements-1000.csv");
    assertThat(header(events)).isEqualTo(DemoCatalog.columnNames(DemoCatalog.TRACKING_EVENTS));
    assertThat(lineCount(events.path()) - 1).isEqualTo(events.rows());
    // the same events as the first thousand parcels of the demo file
    assertThat(
            queryLong(
                "SELECT count(*) FROM ((SELECT * FROM "
                    + parquet(files.get(DemoCatalog.TRACKING_EVENTS).path())
                    + " LIMIT "
                    + events.rows()
                    + ") EXCEPT ALL (SELECT * FROM read_csv("
                    + literal(events.path().toString())
                    + ", types = {'rang_evenement': 'BIGINT', 'horodatage': 'TIMESTAMP'})))"))
        .isZero();
    DeclaredTypes.Check check =
        DeclaredTypes.check(
            events.path(),
            SourceFormat.CSV,
            events.options(),
            DemoCatalog.product(DemoCatalog.TRACKING_EVENTS, Instant.EPOCH).columns());
    assertThat(check.invalidRows()).isZero();
    assertThatThrownBy(() -> DemoFiles.writeTrackingEvents(directory, 0, SourceFormat.PARQUET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parcels must be >= 1, got 0");
  }

  private static List<String> header(DemoFile file) throws Exception {
    SourceOptions options = file.options();
    return switch (options.format().orElseThrow()) {
      case CSV -> {
        try (BufferedReader reader =
            Files.newBufferedReader(file.path(), SourceFiles.charset(options.encoding()))) {
          yield List.of(
              reader.readLine().split(String.valueOf(options.delimiter().orElseThrow()), -1));
        }
      }
      case JSONL ->
          describe(
              "read_json(" + literal(file.path().toString()) + ", format = 'newline_delimited')");
      case PARQUET -> describe(parquet(file.path()));
    };
  }

  private static List<String> describe(String source) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM " + source)) {
      while (result.next()) {
        names.add(result.getString("column_name"));
      }
    }
    return names;
  }

  private static long queryLong(String query) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static long lineCount(Path path) throws IOException {
    try (Stream<String> lines = Files.lines(path, StandardCharsets.ISO_8859_1)) {
      return lines.count();
    }
  }

  /** A UTF-8 copy of a text file in another encoding, or the file itself. */
  private static Path utf8(DemoFile file) throws IOException {
    SourceEncoding encoding = file.options().encoding();
    if (encoding == SourceEncoding.UTF_8 || encoding == SourceEncoding.AUTO) {
      return file.path();
    }
    Path copy = directory.resolve("utf8-" + file.path().getFileName());
    if (!Files.exists(copy)) {
      SourceFiles.transcodeToUtf8(file.path(), encoding, copy);
    }
    return copy;
  }

  /** A DuckDB table expression reading a demo file with every column as text. */
  private static String source(DemoFile file) throws IOException {
    return switch (file.options().format().orElseThrow()) {
      case CSV -> csv(file);
      case JSONL ->
          "read_json(" + literal(file.path().toString()) + ", format = 'newline_delimited')";
      case PARQUET -> parquet(file.path());
    };
  }

  private static String csv(DemoFile file) throws IOException {
    return "read_csv("
        + literal(utf8(file).toString())
        + ", delim = "
        + literal(String.valueOf(file.options().delimiter().orElseThrow()))
        + ", header = true, all_varchar = true)";
  }

  private static String parquet(Path path) {
    return "read_parquet(" + literal(path.toString()) + ")";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}

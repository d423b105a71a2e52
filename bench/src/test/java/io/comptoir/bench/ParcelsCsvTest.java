package io.comptoir.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParcelsCsvTest {
  @TempDir Path directory;

  @Test
  void generatesTheAskedSizeWithAboutTwoPercentBadRows() throws Exception {
    Path file = directory.resolve("parcels.csv");
    long rows = ParcelsCsv.write(file, 2 * 1024 * 1024);
    assertThat(Files.size(file)).isGreaterThanOrEqualTo(2 * 1024 * 1024);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*) FROM read_csv('"
                    + file
                    + "', header=true, auto_detect=false, ignore_errors=true, columns="
                    + ParcelsCsv.duckColumns()
                    + ") WHERE weight_kg >= 0 AND deposit_date IS NOT NULL")) {
      // the filter reads both columns that hold bad values: DuckDB only sees cast errors in
      // the columns a query reads
      rs.next();
      double badShare = 1.0 - (double) rs.getLong(1) / rows;
      assertThat(badShare).isBetween(0.015, 0.025);
    }
  }
}

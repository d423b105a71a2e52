package io.comptoir.bench;

import io.comptoir.contract.ColumnSelection;
import io.comptoir.contract.ContractKey;
import io.comptoir.contract.GovernedColumn;
import io.comptoir.contract.GovernedQuery;
import io.comptoir.contract.Masking;
import io.comptoir.contract.OutputFormat;
import io.comptoir.contract.RowFilter;
import io.comptoir.contract.SortOrder;
import io.comptoir.engine.CopyStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * The baselines of the governed export, each in its own JVM and with its own DuckDB, timed from the
 * open connection to the end of the {@code COPY} to a CSV file:
 *
 * <ul>
 *   <li>{@code same}: <b>the statement the engine runs</b> for the governed export ({@link
 *       CopyStatement}: the granted columns masked as the contract says, with the contract's key,
 *       the contract's row scope and the consumer's filter), so its output is the governed
 *       export's, byte for byte (the benchmark compares the two files);
 *   <li>{@code unmasked}: the same columns and rows without any masking, a projection the consumer
 *       is not allowed to receive: what the masking costs DuckDB.
 * </ul>
 *
 * <p>Arguments: the mode, output CSV, memory limit, threads, the contract key in hexadecimal
 * ({@code -} for {@code unmasked}), then the version's Parquet files.
 */
public final class DuckDbExportChild {
  private DuckDbExportChild() {}

  public static void main(String[] args) throws Exception {
    boolean same = args[0].equals("same");
    Path csv = Path.of(args[1]);
    Properties properties = new Properties();
    properties.setProperty("memory_limit", args[2]);
    properties.setProperty("threads", args[3]);
    properties.setProperty("temp_directory", csv.getParent().resolve("duck-tmp").toString());
    List<Path> files = Arrays.stream(args, 5, args.length).map(Path::of).toList();
    String sql;
    CopyStatement statementOfTheEngine = null;
    if (same) {
      statementOfTheEngine =
          CopyStatement.of(query(files, ContractKey.of(HexFormat.of().parseHex(args[4]))), csv);
      sql = statementOfTheEngine.sql();
    } else {
      sql =
          "COPY (SELECT "
              + CustomersParquet.grantedSql()
              + " FROM read_parquet("
              + CustomersParquet.fileList(files.stream().map(Path::toString).toList())
              + ") WHERE "
              + CustomersParquet.SQL_WHERE
              + ") TO '"
              + csv
              + "' (FORMAT csv, HEADER)";
    }
    long start;
    long cpuStart;
    long rows;
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties)) {
      // timed from an open connection, as the server's engine is open before its first read
      start = System.nanoTime();
      cpuStart = Measure.processCpuNanos();
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        if (statementOfTheEngine != null) {
          statementOfTheEngine.bind(statement);
        }
        statement.execute();
        rows = statement.getLargeUpdateCount();
      }
    }
    double seconds = Measure.seconds(start);
    System.out.printf(
        java.util.Locale.ROOT, "cpu_seconds=%.2f%n", (Measure.processCpuNanos() - cpuStart) / 1e9);
    System.out.println("seconds=" + seconds);
    System.out.println("rows=" + rows);
    System.out.println("bytes=" + Files.size(csv));
    System.out.println("peak_rss_mib=" + Measure.peakRssMib());
  }

  /**
   * The governed query of the benchmark's export as the server builds it from the contract and the
   * request (GovernedReadService): the granted columns with their masking, the row scope, the
   * consumer's filter, no limit (the server drops a limit that cannot cut anything).
   */
  static GovernedQuery query(List<Path> files, ContractKey key) {
    List<GovernedColumn> granted =
        CustomersParquet.GRANTED.stream()
            .map(
                name ->
                    GovernedColumn.of(
                        name,
                        CustomersParquet.type(name),
                        Masking.parse(CustomersParquet.MASKINGS.getOrDefault(name, "MASK_NONE"))))
            .toList();
    return new GovernedQuery(
        files,
        CustomersParquet.COLUMNS,
        granted,
        RowFilter.parse(CustomersParquet.ROW_SCOPE),
        RowFilter.parse(CustomersParquet.CONSUMER_FILTER),
        ColumnSelection.all(),
        SortOrder.none(),
        OptionalLong.empty(),
        0,
        OutputFormat.CSV,
        key);
  }
}

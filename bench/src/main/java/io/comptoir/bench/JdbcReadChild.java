package io.comptoir.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The baseline of the JDBC benchmark, in its own JVM: a plain JDBC read of the whole table,
 * streamed with a fetch size (a PostgreSQL cursor: autocommit off), every value fetched with {@code
 * getObject}. Nothing is written anywhere.
 *
 * <p>Arguments: JDBC URL, user, table, fetch size.
 */
public final class JdbcReadChild {
  private JdbcReadChild() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String table = args[2];
    int fetchSize = Integer.parseInt(args[3]);
    long start = System.nanoTime();
    long rows = 0;
    long nonNull = 0;
    try (Connection connection = DriverManager.getConnection(url, user, "")) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.setFetchSize(fetchSize);
        try (ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            rows++;
            for (int i = 1; i <= columns; i++) {
              if (result.getObject(i) != null) {
                nonNull++;
              }
            }
          }
        }
      }
      connection.rollback();
    }
    System.out.println("seconds=" + Measure.seconds(start));
    System.out.println("rows=" + rows);
    System.out.println("values=" + nonNull);
    System.out.println("peak_rss_mib=" + Measure.peakRssMib());
  }
}

package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyedHashTest {
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    KeyedHash.register(connection);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void matchesTheTestVectorsOfRfc4231() throws SQLException {
    byte[] shortKey = new byte[20];
    Arrays.fill(shortKey, (byte) 0x0b);
    byte[] longKey = new byte[131]; // longer than a block: hashed first
    Arrays.fill(longKey, (byte) 0xaa);

    assertThat(hash(shortKey, "Hi There"))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assertThat(hash("Jefe".getBytes(), "what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(hash(longKey, "Test Using Larger Than Block-Size Key - Hash Key First"))
        .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }

  @Test
  void givesNullForNullAndHashesEveryRowOfALargeInputWithItsOwnKey() throws SQLException {
    // more rows than one DuckDB chunk (2,048), the key changing from row to row
    List<String> expected = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE t AS SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'v' || i END AS v,"
              + " CASE WHEN i % 3 = 0 THEN 'aa' ELSE '0b0b' END AS k FROM range(5000) r(i)");
      for (int i = 0; i < 5000; i++) {
        byte[] key = i % 3 == 0 ? new byte[] {(byte) 0xaa} : new byte[] {0x0b, 0x0b};
        expected.add(i % 7 == 0 ? null : hash(key, "v" + i));
      }
      List<String> actual = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery("SELECT " + KeyedHash.FUNCTION + "(k, v) FROM t ORDER BY i")) {
        while (rows.next()) {
          actual.add(rows.getString(1));
        }
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void isSeenByTheDuplicatesOfTheConnection() throws SQLException {
    try (Connection duplicate = ((DuckDBConnection) connection).duplicate();
        PreparedStatement statement =
            duplicate.prepareStatement("SELECT " + KeyedHash.sql("'Hi There'"))) {
      byte[] key = new byte[20];
      Arrays.fill(key, (byte) 0x0b);
      statement.setBytes(1, key);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        assertThat(result.getString(1))
            .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
      }
    }
  }

  private String hash(byte[] key, String value) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT " + KeyedHash.FUNCTION + "(?, ?)")) {
      statement.setString(1, HexFormat.of().formatHex(key));
      statement.setString(2, value);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getString(1);
      }
    }
  }
}

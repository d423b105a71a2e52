package io.comptoir.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBReadableVector;
import org.duckdb.DuckDBScalarFunctionBuilder;

/**
 * The {@code HASH_KEYED} masking: HMAC-SHA-256 (RFC 2104) of a value's UTF-8 text with a contract's
 * key, as lowercase hexadecimal. It runs inside DuckDB as a scalar function written in Java, {@code
 * comptoir_hmac_sha256(key_hex VARCHAR, value VARCHAR) → VARCHAR} (null when the value is null),
 * registered on each database of the engine.
 *
 * <p>Why Java and not DuckDB's {@code sha256}: HMAC in SQL takes two {@code sha256} over the key
 * pads and the value (four SHA-256 blocks per value, hexadecimal in between), and DuckDB's SHA-256
 * is plain C. Here the pads are hashed once per chunk of rows and each value costs two blocks on
 * the JVM's SHA-256, which uses the processor's SHA instructions where it has them: the masked
 * export of the governed benchmark went about twice as fast on the HMAC column (measured in
 * docs/benchmarks.md). The key reaches DuckDB as a bound parameter, never in the SQL text.
 */
public final class KeyedHash {
  /** The name of the DuckDB function. */
  public static final String FUNCTION = "comptoir_hmac_sha256";

  private static final int BLOCK = 64;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private KeyedHash() {}

  /**
   * Registers the function on the database of {@code connection} (every connection of that
   * database, duplicates included, then sees it).
   */
  public static void register(Connection connection) throws SQLException {
    try (DuckDBScalarFunctionBuilder builder = DuckDBFunctions.scalarFunction()) {
      builder
          .withName(FUNCTION)
          .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR)
          .withReturnType(DuckDBColumnType.VARCHAR)
          .withVectorizedFunction(
              (input, output) -> {
                DuckDBReadableVector keys = input.vector(0);
                DuckDBReadableVector values = input.vector(1);
                int rows = Math.toIntExact(input.rowCount());
                byte[][] tokens = new byte[rows][];
                String padded = null;
                Pads pads = null;
                for (int row = 0; row < rows; row++) {
                  if (values.isNull(row) || keys.isNull(row)) {
                    continue;
                  }
                  // the key is a bound parameter, the same on every row: its pads are hashed once
                  String key = keys.getString(row);
                  if (!key.equals(padded)) {
                    pads = Pads.of(HexFormat.of().parseHex(key));
                    padded = key;
                  }
                  tokens[row] = pads.hex(values.getString(row).getBytes(StandardCharsets.UTF_8));
                }
                output.setStringUtf8Batch(0, tokens);
                for (int row = 0; row < rows; row++) {
                  if (tokens[row] == null) {
                    output.setNull(row);
                  }
                }
              })
          .register(connection);
    }
  }

  /**
   * The SQL of the masking of {@code value}: the one {@code ?} it holds takes the key's bytes (a
   * BLOB, turned to hexadecimal once per query by DuckDB).
   */
  public static String sql(String value) {
    return FUNCTION + "(hex(CAST(? AS BLOB)), CAST(" + value + " AS VARCHAR))";
  }

  /** The SHA-256 states after the inner and the outer pad of one key. */
  private record Pads(MessageDigest inner, MessageDigest outer) {
    static Pads of(byte[] key) {
      MessageDigest inner = sha256();
      MessageDigest outer = sha256();
      byte[] block = new byte[BLOCK];
      byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
      for (int i = 0; i < BLOCK; i++) {
        block[i] = (byte) ((i < k.length ? k[i] : 0) ^ 0x36);
      }
      inner.update(block);
      for (int i = 0; i < BLOCK; i++) {
        block[i] = (byte) ((i < k.length ? k[i] : 0) ^ 0x5c);
      }
      outer.update(block);
      return new Pads(inner, outer);
    }

    byte[] hex(byte[] message) {
      MessageDigest first = copy(inner);
      first.update(message);
      MessageDigest second = copy(outer);
      second.update(first.digest());
      byte[] mac = second.digest();
      byte[] hex = new byte[mac.length * 2];
      for (int i = 0; i < mac.length; i++) {
        hex[2 * i] = HEX[(mac[i] >> 4) & 0xf];
        hex[2 * i + 1] = HEX[mac[i] & 0xf];
      }
      return hex;
    }

    @Override
    public String toString() {
      return "Pads[hidden]";
    }
  }

  private static MessageDigest copy(MessageDigest state) {
    try {
      return (MessageDigest) state.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JVM's SHA-256 cannot be cloned", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

package io.comptoir.connectors;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes record values as JSON lines, one line per value whatever its bytes, so that the engine
 * accepts each JSON object as one row and quarantines everything else as one row, with the value
 * kept as its raw text.
 *
 * <ul>
 *   <li>a value on one line is written as it is: the engine accepts it or says why not ("not valid
 *       JSON", "not a JSON object", invalid UTF-8);
 *   <li>line breaks between the tokens of a value (pretty-printed JSON) become spaces, which
 *       changes nothing to its meaning;
 *   <li>a value that cannot be JSON (a line break inside a string, the engine's field separator
 *       U+001F), an empty or blank value is written as a JSON string holding its text: not a JSON
 *       object, so quarantined;
 *   <li>a missing value (a tombstone) is written {@code null}: quarantined too.
 * </ul>
 */
final class JsonLines {
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private JsonLines() {}

  static void write(OutputStream out, byte[] value) throws IOException {
    if (value == null) {
      out.write(NULL);
    } else if (isBlank(value) || !canBeJson(value)) {
      writeString(out, value);
    } else {
      for (byte b : value) {
        out.write(b == '\n' || b == '\r' ? ' ' : b);
      }
    }
    out.write('\n');
  }

  private static boolean isBlank(byte[] value) {
    for (byte b : value) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * False when the value holds a line break inside a string (invalid JSON, and replacing it would
   * change the text) or the unit separator; bytes of multi-byte UTF-8 characters never equal these
   * ASCII bytes.
   */
  private static boolean canBeJson(byte[] value) {
    boolean inString = false;
    boolean escaped = false;
    for (byte b : value) {
      if (b == 0x1f) {
        return false;
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        } else if (b == '\n' || b == '\r') {
          return false;
        }
      } else if (b == '"') {
        inString = true;
      }
    }
    return true;
  }

  private static void writeString(OutputStream out, byte[] value) throws IOException {
    out.write('"');
    for (byte b : value) {
      if (b == '"' || b == '\\') {
        out.write('\\');
        out.write(b);
      } else if (b >= 0 && b < 0x20) {
        out.write(new byte[] {'\\', 'u', '0', '0', HEX[b >> 4], HEX[b & 0xf]});
      } else {
        out.write(b);
      }
    }
    out.write('"');
  }
}

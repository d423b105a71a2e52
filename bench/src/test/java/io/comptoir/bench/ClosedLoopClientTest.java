package io.comptoir.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClosedLoopClientTest {
  static int parse(String response) {
    byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
    return ClosedLoopClient.Response.parse(bytes, bytes.length);
  }

  @Test
  void readsAResponseByItsContentLength() {
    String whole = "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 5\r\n\r\nid\r\n1";
    assertThat(parse(whole)).isEqualTo(1);
    assertThat(parse(whole.substring(0, whole.length() - 1))).isZero();
    assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n")).isZero();
  }

  @Test
  void readsChunkedResponsesToTheirLastChunk() {
    String whole =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nid\r\n\r\n3;x=y\r\n1\r\n\r\n0\r\n\r\n";
    assertThat(parse(whole)).isEqualTo(1);
    for (int cut = whole.indexOf("\r\n\r\n") + 4; cut < whole.length(); cut++) {
      assertThat(parse(whole.substring(0, cut))).as("cut at %d", cut).isZero();
    }
  }

  @Test
  void anotherStatusOrAnEmptyBodyIsAFailure() {
    assertThat(parse("HTTP/1.1 403 Forbidden\r\nContent-Length: 2\r\n\r\n{}")).isEqualTo(-1);
    assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")).isEqualTo(-1);
    assertThat(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        .isEqualTo(-1);
  }
}

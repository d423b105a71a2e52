package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.common.ComptoirException;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's own connector: listens where it is told, and says so when it cannot. */
class HttpListenIT {
  @TempDir Path directory;

  @Test
  void listensOnTheConfiguredHostAndAnswers() {
    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(directory, Map.of()));
        ApiServer server = comptoir.startHttp()) {
      assertThat(server.port()).isPositive();
      assertThat(server.url()).startsWith("http://").endsWith(":" + server.port());
      assertThat(new Http(server.url()).get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void refusesAPortTakenByAnotherProcessWithOneClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Comptoir comptoir =
            Comptoir.open(
                Fixtures.configuration(
                    directory,
                    Map.of(
                        "http-host",
                        "127.0.0.1",
                        "http-port",
                        String.valueOf(taken.getLocalPort()))))) {
      assertThatThrownBy(comptoir::startHttp)
          .isInstanceOf(ComptoirException.class)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
    }
  }
}

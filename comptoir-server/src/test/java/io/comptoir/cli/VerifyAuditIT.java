package io.comptoir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAuditIT {
  @TempDir Path directory;

  @Test
  void reportsAnIntactLogThenTheRecordThatWasChanged() throws Exception {
    Path data = directory.resolve("data");
    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(data, Map.of()))) {
      comptoir.audit().record("alice", "CONTRACT_APPROVED", "contract:1", Map.of("comment", "ok"));
      comptoir.audit().record("bob", "CONTRACT_REVOKED", "contract:1", Map.of());
    }
    CliHarness cli = new CliHarness(directory);

    CliHarness.Result intact = cli.run("--data-dir", data.toString(), "verify-audit");
    assertThat(intact.code()).as(intact.err()).isZero();
    assertThat(intact.out()).startsWith("audit log intact: 2 record(s), last hash ");

    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve("comptoir.db"));
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE audit_events SET details = 'comment=rejected\n' WHERE sequence_number = 1");
    }
    CliHarness.Result broken = cli.run("--data-dir", data.toString(), "verify-audit");
    assertThat(broken.code()).isEqualTo(VerifyAuditCommand.BROKEN);
    assertThat(broken.err())
        .isEqualTo(
            "error: audit log broken at record 1: record 1 was changed after it was written (0"
                + " record(s) chain correctly before it)"
                + System.lineSeparator());
  }
}

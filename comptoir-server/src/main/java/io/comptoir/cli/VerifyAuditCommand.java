package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.audit.AuditVerification;
import io.comptoir.server.Comptoir;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "verify-audit",
    description = {
      "Checks the hash chain of the audit log: no record changed, removed or reordered.",
      "Prints the last hash: keep it elsewhere to detect later that records were cut from the end.",
      "Exit code 0 when intact, 5 when the chain is broken."
    })
final class VerifyAuditCommand implements Callable<Integer> {
  static final int BROKEN = 5;

  private final CliContext context;

  @ParentCommand ComptoirCommand parent;

  VerifyAuditCommand(CliContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public Integer call() {
    AuditVerification result;
    try (Comptoir comptoir = Comptoir.open(parent.configuration(Map.of()))) {
      result = comptoir.audit().verify();
    }
    if (result.intact()) {
      context
          .out()
          .printf(
              Locale.ROOT,
              "audit log intact: %d record(s), last hash %s%n",
              result.recordsChecked(),
              result.lastHash());
      context.out().flush();
      return 0;
    }
    context
        .err()
        .printf(
            Locale.ROOT,
            "error: audit log broken at record %d: %s (%d record(s) chain correctly before it)%n",
            result.firstBrokenSequence().orElse(0L),
            result.problem().orElse(""),
            result.recordsChecked());
    context.err().flush();
    return BROKEN;
  }
}

package io.comptoir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.identity.Username;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code comptoir user add} and {@code comptoir token create} on a real data directory. */
class IdentityCommandsIT {
  @TempDir Path directory;

  private CliHarness cli;

  @BeforeEach
  void harness() {
    cli = new CliHarness(directory);
  }

  private Comptoir open() {
    return Comptoir.open(Fixtures.configuration(directory.resolve("data"), Map.of()));
  }

  @Test
  void addsAUserWithRolesAndAPasswordReadFromStandardInput() {
    CliHarness.Result result =
        cli.runWithInput(
            "s3cret-password\n",
            "user",
            "add",
            "olivier.proprietaire",
            "--role=DATA_OWNER,CONSUMER",
            "--entity=BSCC",
            "--name=Olivier Propriétaire",
            "--password-stdin",
            "--data-dir=data");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo("user olivier.proprietaire created in BSCC with roles CONSUMER,DATA_OWNER\n");
    try (Comptoir comptoir = open()) {
      Principal principal =
          comptoir.identityProvider().authenticate("olivier.proprietaire", "s3cret-password");
      assertThat(principal.roles()).containsExactlyInAnyOrder(Role.DATA_OWNER, Role.CONSUMER);
      assertThat(principal.entity()).isEqualTo("BSCC");
    }
  }

  @Test
  void addsAUserWithoutPasswordWhenNoneIsGiven() {
    CliHarness.Result result = cli.run("user", "add", "robot", "--entity=NUM", "--data-dir=data");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo("user robot created in NUM with roles (none), without password\n");
    try (Comptoir comptoir = open()) {
      assertThatThrownBy(() -> comptoir.identityProvider().authenticate("robot", ""))
          .hasMessage("invalid username or password");
    }
  }

  @Test
  void refusesAnExistingUserABadRoleAndAnEmptyPassword() {
    cli.run("user", "add", "robot", "--entity=NUM", "--data-dir=data");

    CliHarness.Result again = cli.run("user", "add", "robot", "--entity=NUM", "--data-dir=data");
    CliHarness.Result badRole =
        cli.run("user", "add", "other", "--role=KING", "--entity=NUM", "--data-dir=data");
    CliHarness.Result emptyPassword =
        cli.runWithInput(
            "", "user", "add", "other", "--entity=NUM", "--password-stdin", "--data-dir=data");

    assertThat(again.code()).isEqualTo(CliErrors.CONFLICT);
    assertThat(again.err()).contains("user robot already exists");
    assertThat(badRole.code()).isEqualTo(CliErrors.INVALID_INPUT);
    assertThat(badRole.err()).contains("KING");
    assertThat(emptyPassword.code()).isEqualTo(CliErrors.INVALID_INPUT);
    assertThat(emptyPassword.err()).contains("--password-stdin: standard input is empty");
  }

  @Test
  void createsATokenPrintingTheSecretAloneOnce() {
    cli.run("user", "add", "robot", "--role=CONSUMER", "--entity=NUM", "--data-dir=data");

    CliHarness.Result result =
        cli.run("token", "create", "robot", "--name=nightly", "--days=7", "--data-dir=data");

    assertThat(result.code()).as(result.err()).isZero();
    String secret = result.out().trim();
    assertThat(secret).matches("cpt_[A-Za-z0-9_-]{43}");
    assertThat(result.err()).contains("for robot expires at", "shown only once");
    try (Comptoir comptoir = open()) {
      assertThat(comptoir.identities().authenticate(secret).name()).isEqualTo("robot");
      assertThat(comptoir.identities().listTokens(Username.of("robot")))
          .singleElement()
          .satisfies(token -> assertThat(token.name()).isEqualTo("nightly"));
    }
  }

  @Test
  void refusesATokenLongerThanTheMaximumOrForAnUnknownUser() {
    cli.run("user", "add", "robot", "--entity=NUM", "--data-dir=data");

    CliHarness.Result tooLong =
        cli.run(
            "token",
            "create",
            "robot",
            "--name=x",
            "--days=31",
            "--set=token-max-days=30",
            "--data-dir=data");
    CliHarness.Result unknown = cli.run("token", "create", "nobody", "--name=x", "--data-dir=data");

    assertThat(tooLong.code()).isEqualTo(CliErrors.INVALID_INPUT);
    assertThat(tooLong.err()).contains("token lifetime must be between 1 and 30 days, got 31");
    assertThat(tooLong.out()).isEmpty();
    assertThat(unknown.code()).isEqualTo(CliErrors.NOT_FOUND);
    assertThat(unknown.err()).contains("user not found: nobody");
  }
}

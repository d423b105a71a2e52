package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.identity.ApplicationId;
import io.comptoir.identity.IssuedToken;
import io.comptoir.identity.Username;
import io.comptoir.server.Comptoir;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code comptoir token create}: API tokens, issued on the data directory directly. */
@Command(name = "token", description = "Manages API tokens.")
final class TokenCommand implements Callable<Integer> {
  private final CliContext context;

  @ParentCommand ComptoirCommand parent;

  @Spec CommandSpec spec;

  private TokenCommand(CliContext context) {
    this.context = context;
  }

  static CommandLine command(CliContext context) {
    TokenCommand token = new TokenCommand(context);
    CommandLine commandLine = new CommandLine(token);
    commandLine.addSubcommand(new Create(context, token));
    return commandLine;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err());
    return CliErrors.INVALID_INPUT;
  }

  @Command(
      name = "create",
      description = {
        "Issues an API token to a user (or to one of the user's applications).",
        "Prints the secret alone on standard output, once: it is stored only as a hash."
      },
      sortOptions = false)
  static final class Create implements Callable<Integer> {
    private final CliContext context;
    private final TokenCommand token;

    @Parameters(index = "0", paramLabel = "USERNAME", description = "The token's user.")
    String username;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "TEXT",
        description = "What the token is for.")
    String name;

    @Option(
        names = "--days",
        paramLabel = "N",
        description = "Lifetime in days, at most token-max-days (default 30).")
    Integer days;

    @Option(
        names = "--application",
        paramLabel = "ID",
        description = "Issues the token to this application of the user.")
    String application;

    Create(CliContext context, TokenCommand token) {
      this.context = requireNonNull(context, "context is null");
      this.token = token;
    }

    @Override
    public Integer call() {
      try (Comptoir comptoir = Comptoir.open(token.parent.configuration(Map.of()))) {
        int lifetime = days == null ? Math.min(30, comptoir.identities().maxTokenDays()) : days;
        IssuedToken issued =
            comptoir
                .identities()
                .issueToken(
                    Username.of(username),
                    Optional.ofNullable(application).map(ApplicationId::of),
                    name,
                    lifetime);
        context.out().println(issued.secret());
        context.out().flush();
        context
            .err()
            .printf(
                Locale.ROOT,
                "token %s for %s expires at %s; the secret above is shown only once%n",
                issued.token().id(),
                issued.token().application().map(id -> id + " (" + username + ")").orElse(username),
                issued.token().expiresAt());
        context.err().flush();
      }
      return 0;
    }
  }
}

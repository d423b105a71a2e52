package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.identity.AccountStatus;
import io.comptoir.identity.Role;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import io.comptoir.server.Comptoir;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code comptoir user add}: local accounts, created on the data directory directly. */
@Command(name = "user", description = "Manages user accounts.")
final class UserCommand implements Callable<Integer> {
  private final CliContext context;

  @ParentCommand ComptoirCommand parent;

  @Spec CommandSpec spec;

  private UserCommand(CliContext context) {
    this.context = context;
  }

  static CommandLine command(CliContext context) {
    UserCommand user = new UserCommand(context);
    CommandLine commandLine = new CommandLine(user);
    commandLine.addSubcommand(new Add(context, user));
    return commandLine;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err());
    return CliErrors.INVALID_INPUT;
  }

  @Command(
      name = "add",
      description = {
        "Creates a user with roles in an entity.",
        "The password is read from the first line of standard input with --password-stdin, or"
            + " asked for on a terminal; without either the user has no password and"
            + " authenticates with API tokens only."
      },
      sortOptions = false)
  static final class Add implements Callable<Integer> {
    private final CliContext context;
    private final UserCommand user;

    @Parameters(index = "0", paramLabel = "USERNAME", description = "Such as alice.martin.")
    String username;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        split = ",",
        description = "Role, repeatable or comma-separated: ${COMPLETION-CANDIDATES}.")
    List<Role> roles = List.of();

    @Option(
        names = "--entity",
        required = true,
        paramLabel = "CODE",
        description = "Entity the user belongs to.")
    String entity;

    @Option(names = "--name", paramLabel = "TEXT", description = "Display name (the username).")
    String displayName;

    @Option(names = "--email", paramLabel = "EMAIL", description = "Email address.")
    String email;

    @Option(
        names = "--password-stdin",
        description = "Reads the password from the first line of standard input.")
    boolean passwordStdin;

    Add(CliContext context, UserCommand user) {
      this.context = requireNonNull(context, "context is null");
      this.user = user;
    }

    @Override
    public Integer call() {
      Username name = Username.of(username);
      Set<Role> roleSet = roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
      User created =
          new User(
              name,
              displayName == null ? username : displayName,
              email,
              entity,
              roleSet,
              AccountStatus.ACTIVE);
      String password = password();
      try (Comptoir comptoir = Comptoir.open(user.parent.configuration(Map.of()))) {
        if (comptoir.identities().findUser(name).isPresent()) {
          throw ComptoirException.conflict("user %s already exists", name);
        }
        comptoir.identities().saveUser(created);
        if (password != null) {
          comptoir.identities().setPassword(name, password);
        }
      }
      context
          .out()
          .printf(
              Locale.ROOT,
              "user %s created in %s with roles %s%s%n",
              name,
              entity,
              roleSet.isEmpty()
                  ? "(none)"
                  : roleSet.stream().map(Role::name).sorted().collect(Collectors.joining(",")),
              password == null ? ", without password" : "");
      context.out().flush();
      return 0;
    }

    /** The password given, or null for none. */
    private String password() {
      if (passwordStdin) {
        try {
          String line =
              new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8))
                  .readLine();
          if (line == null || line.isEmpty()) {
            throw ComptoirException.invalidInput("--password-stdin: standard input is empty");
          }
          return line;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      Console console = System.console();
      if (context.terminal() == CliContext.Terminal.INTERACTIVE && console != null) {
        char[] first = console.readPassword("password for %s: ", username);
        char[] again = console.readPassword("again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
          throw ComptoirException.invalidInput("the two passwords differ");
        }
        return new String(first);
      }
      return null;
    }
  }
}

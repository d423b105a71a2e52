package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import picocli.CommandLine;

/** The command line of Comptoir, run in-process: {@code new Cli(context).execute(args)}. */
public final class Cli {
  private final CliContext context;

  public Cli(CliContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  /** Runs one command; returns its exit code. Errors are printed, never thrown. */
  public int execute(String... args) {
    return commandLine().execute(args);
  }

  CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new ComptoirCommand(context));
    commandLine.addSubcommand(new ServeCommand(context));
    commandLine.addSubcommand(new DemoCommand(context));
    commandLine.addSubcommand(new IngestCommand(context));
    commandLine.addSubcommand(new ProductsCommand(context));
    commandLine.addSubcommand(new VerifyAuditCommand(context));
    commandLine.addSubcommand(new VersionsCommand(context));
    commandLine.addSubcommand(new ConfigCommand(context));
    commandLine.addSubcommand(UserCommand.command(context));
    commandLine.addSubcommand(TokenCommand.command(context));
    commandLine.addSubcommand(FlowCommand.command(context));
    commandLine.addSubcommand(ProfileCommand.command(context));
    CliErrors errors = new CliErrors();
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setParameterExceptionHandler(errors);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }
}

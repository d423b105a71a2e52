package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.config.ConfigKeys;
import io.comptoir.config.Configuration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command: global options, inherited by every subcommand. */
@Command(
    name = "comptoir",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = ComptoirCommand.Version.class,
    sortOptions = false,
    usageHelpWidth = 100,
    description = "Comptoir: a self-hosted governed data marketplace.",
    footer = {
      "",
      "Configuration comes from --set and dedicated options, then COMPTOIR_* environment"
          + " variables, then comptoir.properties (or --config), then defaults:"
          + " see docs/configuration.md or 'comptoir config'.",
      "Exit codes: 0 ok, 1 other error, 2 invalid input, 3 not found, 4 conflict."
    })
final class ComptoirCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Data directory (configuration key data-dir, default ./data).")
  String dataDirectory;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Properties file to read instead of ./comptoir.properties.")
  String configFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      scope = ScopeType.INHERIT,
      description = "Sets a configuration key; repeatable.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Logs at debug level, stack traces of errors included.")
  boolean verbose;

  ComptoirCommand(CliContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err());
    return CliErrors.INVALID_INPUT;
  }

  /** The configuration from every source, dedicated options of the subcommand winning. */
  Configuration configuration(Map<String, String> dedicated) {
    Map<String, String> overrides = new LinkedHashMap<>(settings);
    if (dataDirectory != null) {
      overrides.put(ConfigKeys.DATA_DIR.key(), dataDirectory);
    }
    overrides.putAll(dedicated);
    return Configuration.load(
        overrides,
        context.environment(),
        Optional.ofNullable(configFile).map(context.workingDirectory()::resolve),
        context.workingDirectory());
  }

  /** The version of the jar's manifest, "dev" when run from classes. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ComptoirCommand.class.getPackage().getImplementationVersion();
      return new String[] {"comptoir " + (version == null ? "dev" : version)};
    }
  }
}

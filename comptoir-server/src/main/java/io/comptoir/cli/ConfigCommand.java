package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.config.ConfigKey;
import io.comptoir.config.ConfigKeys;
import io.comptoir.config.Configuration;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "config",
    description = "Prints the effective configuration and where each value comes from.")
final class ConfigCommand implements Callable<Integer> {
  private final CliContext context;

  @ParentCommand ComptoirCommand parent;

  ConfigCommand(CliContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public Integer call() {
    Configuration configuration = parent.configuration(Map.of());
    PrintWriter out = context.out();
    for (ConfigKey key : ConfigKeys.ALL) {
      out.printf(
          Locale.ROOT,
          "%-30s %-40s (%s)%n",
          key.key(),
          configuration.display(key),
          configuration.setting(key).origin());
    }
    out.flush();
    return 0;
  }
}

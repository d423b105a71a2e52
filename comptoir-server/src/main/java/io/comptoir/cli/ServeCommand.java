package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.config.ConfigKeys;
import io.comptoir.server.Comptoir;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "serve",
    description = "Serves the REST API until stopped (Ctrl-C or SIGTERM).",
    sortOptions = false)
final class ServeCommand implements Callable<Integer> {
  private final CliContext context;

  @ParentCommand ComptoirCommand parent;

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (key http-port).")
  Integer port;

  @Option(names = "--host", paramLabel = "HOST", description = "HTTP address (key http-host).")
  String host;

  ServeCommand(CliContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public Integer call() throws InterruptedException {
    try (Comptoir comptoir = Comptoir.open(parent.configuration(httpOptions(port, host)))) {
      Serving.serve(comptoir, context);
    }
    return 0;
  }

  static Map<String, String> httpOptions(Integer port, String host) {
    Map<String, String> options = new LinkedHashMap<>();
    if (port != null) {
      options.put(ConfigKeys.HTTP_PORT.key(), String.valueOf(port));
    }
    if (host != null) {
      options.put(ConfigKeys.HTTP_HOST.key(), host);
    }
    return options;
  }
}

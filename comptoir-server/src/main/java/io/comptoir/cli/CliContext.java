package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the commands get from the process, passed in so that tests run them in-process.
 *
 * @param environment read for {@code COMPTOIR_*} configuration variables
 * @param workingDirectory relative paths and {@code comptoir.properties} resolve against it
 * @param terminal whether stderr is a terminal: progress bars are then drawn by default
 * @param in standard input, read by options such as {@code --password-stdin}
 */
public record CliContext(
    Map<String, String> environment,
    Path workingDirectory,
    PrintWriter out,
    PrintWriter err,
    Terminal terminal,
    Lifetime lifetime,
    InputStream in) {

  /** Whether the error stream is an interactive terminal. */
  public enum Terminal {
    INTERACTIVE,
    NONE
  }

  public CliContext {
    environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    requireNonNull(workingDirectory, "workingDirectory is null");
    requireNonNull(out, "out is null");
    requireNonNull(err, "err is null");
    requireNonNull(terminal, "terminal is null");
    requireNonNull(lifetime, "lifetime is null");
    requireNonNull(in, "in is null");
  }

  /** A context whose standard input is empty. */
  public CliContext(
      Map<String, String> environment,
      Path workingDirectory,
      PrintWriter out,
      PrintWriter err,
      Terminal terminal,
      Lifetime lifetime) {
    this(
        environment, workingDirectory, out, err, terminal, lifetime, InputStream.nullInputStream());
  }
}

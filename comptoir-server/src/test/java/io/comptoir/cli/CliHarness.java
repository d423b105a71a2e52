package io.comptoir.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process and captures what it prints. */
final class CliHarness {
  private final Path workingDirectory;
  private final Map<String, String> environment;
  private final CliContext.Terminal terminal;
  private final Lifetime lifetime;

  record Result(int code, String out, String err) {}

  CliHarness(Path workingDirectory) {
    this(workingDirectory, Map.of(), CliContext.Terminal.NONE, () -> {});
  }

  CliHarness(
      Path workingDirectory,
      Map<String, String> environment,
      CliContext.Terminal terminal,
      Lifetime lifetime) {
    this.workingDirectory = workingDirectory;
    this.environment = environment;
    this.terminal = terminal;
    this.lifetime = lifetime;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  int run(PrintWriter out, PrintWriter err, String... args) {
    return run(InputStream.nullInputStream(), out, err, args);
  }

  /** Runs with the text as standard input. */
  Result runWithInput(String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        run(
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            args);
    return new Result(code, out.toString(), err.toString());
  }

  private int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
    return new Cli(new CliContext(environment, workingDirectory, out, err, terminal, lifetime, in))
        .execute(args);
  }
}

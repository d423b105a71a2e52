package io.comptoir.server;

import io.comptoir.cli.Cli;
import io.comptoir.cli.CliContext;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Entry point of the runnable jar: {@code java -jar comptoir.jar <command>}. */
public final class Main {
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  private Main() {}

  /**
   * Info logs are for the server; commands that print their own results log warnings only, so that
   * logs do not break their output. Read once by slf4j-simple when the first logger is created,
   * which is later than this.
   */
  private static void setLogLevel(List<String> args) {
    if (System.getProperty(LOG_LEVEL) != null) {
      return;
    }
    if (args.contains("--verbose")) {
      System.setProperty(LOG_LEVEL, "debug");
    } else if (!args.contains("serve")) {
      System.setProperty(LOG_LEVEL, "warn");
    }
  }

  public static void main(String[] args) {
    setLogLevel(Arrays.asList(args));
    JvmLifetime lifetime = new JvmLifetime();
    Charset charset = Charset.defaultCharset();
    CliContext context =
        new CliContext(
            System.getenv(),
            Path.of("").toAbsolutePath(),
            new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true),
            new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true),
            System.console() != null ? CliContext.Terminal.INTERACTIVE : CliContext.Terminal.NONE,
            lifetime,
            System.in);
    int code = new Cli(context).execute(args);
    lifetime.commandFinished();
    if (!lifetime.exiting()) {
      System.exit(code);
    }
  }
}

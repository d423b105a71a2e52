package io.comptoir.cli;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where the CLI turns exceptions into one line on stderr ({@code error: ...}) and an
 * exit code. Stack traces go to the log at debug level ({@code --verbose}).
 */
final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int OTHER = 1;
  static final int INVALID_INPUT = 2;
  static final int NOT_FOUND = 3;
  static final int CONFLICT = 4;

  private static final Logger log = LoggerFactory.getLogger(CliErrors.class);

  static int exitCode(ErrorCode code) {
    return switch (code) {
      case INVALID_INPUT -> INVALID_INPUT;
      case NOT_FOUND -> NOT_FOUND;
      case CONFLICT -> CONFLICT;
      default -> OTHER;
    };
  }

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (exception instanceof ComptoirException comptoir) {
      log.debug("command failed", comptoir);
      err.println("error: " + oneLine(comptoir.getMessage()));
      err.flush();
      return exitCode(comptoir.code());
    }
    log.debug("command failed", exception);
    String message = exception.getMessage() == null ? "" : ": " + exception.getMessage();
    err.println(
        "error: "
            + oneLine(exception.getClass().getSimpleName() + message)
            + " (--verbose logs"
            + " the details)");
    err.flush();
    return OTHER;
  }

  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println(
        "error: "
            + oneLine(exception.getMessage())
            + " (see '"
            + commandLine.getCommandSpec().qualifiedName()
            + " --help')");
    err.flush();
    return INVALID_INPUT;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}

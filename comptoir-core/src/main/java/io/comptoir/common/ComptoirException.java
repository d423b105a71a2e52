package io.comptoir.common;

import static java.util.Objects.requireNonNull;

/** The one unchecked exception of Comptoir: a stable code and a message that carries the values. */
public class ComptoirException extends RuntimeException {
  private final ErrorCode code;

  public ComptoirException(ErrorCode code, String message) {
    super(requireNonNull(message, "message is null"));
    this.code = requireNonNull(code, "code is null");
  }

  public ComptoirException(ErrorCode code, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }

  public static ComptoirException invalidInput(String format, Object... args) {
    return new ComptoirException(ErrorCode.INVALID_INPUT, String.format(format, args));
  }

  public static ComptoirException conflict(String format, Object... args) {
    return new ComptoirException(ErrorCode.CONFLICT, String.format(format, args));
  }
}

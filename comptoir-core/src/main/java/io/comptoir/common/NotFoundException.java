package io.comptoir.common;

/** Thrown by {@code loadX} methods when the thing asked for does not exist. */
public final class NotFoundException extends ComptoirException {
  public NotFoundException(String what, Object id) {
    super(ErrorCode.NOT_FOUND, what + " not found: " + id);
  }
}

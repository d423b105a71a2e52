package io.comptoir.common;

/** Stable error codes shared by every front end (REST, UI, CLI). */
public enum ErrorCode {
  NOT_FOUND,
  INVALID_INPUT,
  CONFLICT,
  FORBIDDEN,
  UNAUTHENTICATED,
  INTERNAL
}

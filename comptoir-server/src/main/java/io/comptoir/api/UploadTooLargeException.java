package io.comptoir.api;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;

/** An upload larger than the configured limit: INVALID_INPUT, answered with 413. */
public final class UploadTooLargeException extends ComptoirException {
  public UploadTooLargeException(String message) {
    super(ErrorCode.INVALID_INPUT, message);
  }
}

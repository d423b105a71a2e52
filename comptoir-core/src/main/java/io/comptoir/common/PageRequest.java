package io.comptoir.common;

/** Offset and limit of a page, validated. */
public record PageRequest(int offset, int limit) {
  public static final int DEFAULT_LIMIT = 50;

  public PageRequest {
    if (offset < 0) {
      throw ComptoirException.invalidInput("offset must be >= 0, got %d", offset);
    }
    if (limit < 1 || limit > Page.MAX_LIMIT) {
      throw ComptoirException.invalidInput(
          "limit must be between 1 and %d, got %d", Page.MAX_LIMIT, limit);
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(0, limit);
  }
}

package io.comptoir.web;

import io.comptoir.common.ComptoirException;
import io.javalin.http.Context;

/** Query and form parameters of pages, with the same clear errors as the API. */
final class Parameters {
  private Parameters() {}

  /** A whole number ≥ 0, 0 when absent. */
  static int nonNegative(Context context, String name) {
    String value = context.queryParam(name);
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ComptoirException.invalidInput(
        "query parameter '%s' must be a whole number ≥ 0, got '%s'", name, value);
  }
}

package io.comptoir.api;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.Page;
import io.comptoir.common.PageRequest;
import io.comptoir.ingest.RunId;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads path and query parameters; a bad value is an INVALID_INPUT naming the parameter. */
final class Parameters {
  private Parameters() {}

  static ProductId productId(Context context) {
    return ProductId.of(context.pathParam("id"));
  }

  static RunId runId(Context context) {
    return new RunId(context.pathParam("runId"));
  }

  static int versionNumber(Context context) {
    String text = context.pathParam("number");
    try {
      int number = Integer.parseInt(text);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ComptoirException.invalidInput(
        "path parameter 'number' must be a version number >= 1, got '%s'", text);
  }

  static Optional<String> string(Context context, String name) {
    return Optional.ofNullable(context.queryParam(name))
        .map(String::trim)
        .filter(v -> !v.isEmpty());
  }

  /** The raw value, spaces kept: a delimiter may be a space. */
  static Optional<String> raw(Context context, String name) {
    return Optional.ofNullable(context.queryParam(name)).filter(v -> !v.isEmpty());
  }

  static int integer(Context context, String name, int defaultValue) {
    Optional<String> text = string(context, name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(text.get());
    } catch (NumberFormatException e) {
      throw ComptoirException.invalidInput(
          "query parameter '%s' must be an integer, got '%s'", name, text.get());
    }
  }

  static Optional<Boolean> bool(Context context, String name) {
    return string(context, name)
        .map(
            text ->
                switch (text.toLowerCase(Locale.ROOT)) {
                  case "true", "yes", "1" -> true;
                  case "false", "no", "0" -> false;
                  default ->
                      throw ComptoirException.invalidInput(
                          "query parameter '%s' must be true or false, got '%s'", name, text);
                });
  }

  static Optional<Double> decimal(Context context, String name) {
    return string(context, name)
        .map(
            text -> {
              try {
                return Double.parseDouble(text);
              } catch (NumberFormatException e) {
                throw ComptoirException.invalidInput(
                    "query parameter '%s' must be a number, got '%s'", name, text);
              }
            });
  }

  static <E extends Enum<E>> Optional<E> enumeration(Context context, String name, Class<E> type) {
    return string(context, name)
        .map(text -> parseEnum("query parameter '" + name + "'", text, type));
  }

  /** An enumeration constant in any case, '-' read as '_'; the message names the field. */
  static <E extends Enum<E>> E parseEnum(String field, String text, Class<E> type) {
    String normalized = text.toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(type.getEnumConstants())
        .filter(constant -> constant.name().equals(normalized))
        .findFirst()
        .orElseThrow(
            () ->
                ComptoirException.invalidInput(
                    "%s must be one of %s, got '%s'",
                    field,
                    Arrays.stream(type.getEnumConstants())
                        .map(Enum::name)
                        .collect(Collectors.joining(", ")),
                    text));
  }

  /** Comma-separated values, possibly repeated: {@code ?columns=a,b&columns=c}. */
  static List<String> list(Context context, String name) {
    return context.queryParams(name).stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .toList();
  }

  /** {@code offset} and {@code limit}, checked. */
  static PageRequest page(Context context) {
    int offset = integer(context, "offset", 0);
    int limit = integer(context, "limit", PageRequest.DEFAULT_LIMIT);
    if (offset < 0) {
      throw ComptoirException.invalidInput("query parameter 'offset' must be >= 0, got %d", offset);
    }
    if (limit < 1 || limit > Page.MAX_LIMIT) {
      throw ComptoirException.invalidInput(
          "query parameter 'limit' must be between 1 and %d, got %d", Page.MAX_LIMIT, limit);
    }
    return new PageRequest(offset, limit);
  }
}

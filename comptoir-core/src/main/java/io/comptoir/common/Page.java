package io.comptoir.common;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One page of results and the total number of matches. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
  public static final int MAX_LIMIT = 1000;

  public Page {
    items = List.copyOf(requireNonNull(items, "items is null"));
  }
}

package io.comptoir.flow;

import io.comptoir.common.ComptoirException;
import java.util.Locale;

/**
 * How an HTTP source asks for its pages.
 *
 * @param kind NONE (one request), PAGE (page number parameter from 1), OFFSET (offset parameter,
 *     advanced by the items received), NEXT_LINK (the URL of the next page is in the response)
 * @param parameter the query parameter holding the page number or offset
 * @param sizeParameter the query parameter holding the page size (empty: not sent)
 * @param size the page size asked for
 * @param next JSON pointer to the next page's URL (NEXT_LINK)
 */
public record Pagination(Kind kind, String parameter, String sizeParameter, int size, String next) {
  public enum Kind {
    NONE,
    PAGE,
    OFFSET,
    NEXT_LINK;

    public static Kind parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw ComptoirException.invalidInput(
            "pagination kind must be none, page, offset or next-link, got '%s'", text);
      }
    }
  }

  public Pagination {
    kind = kind == null ? Kind.NONE : kind;
    parameter = parameter == null ? "" : parameter;
    sizeParameter = sizeParameter == null ? "" : sizeParameter;
    next = next == null ? "" : next;
    if ((kind == Kind.PAGE || kind == Kind.OFFSET) && parameter.isBlank()) {
      throw ComptoirException.invalidInput(
          "pagination %s needs the name of its query parameter",
          kind.name().toLowerCase(Locale.ROOT));
    }
    if (kind == Kind.NEXT_LINK && !next.startsWith("/")) {
      throw ComptoirException.invalidInput(
          "pagination next-link needs 'next', a JSON pointer to the next page's URL");
    }
    if (size < 1 || size > 100_000) {
      throw ComptoirException.invalidInput("page size must be 1 to 100000, got %d", size);
    }
  }

  public static Pagination none() {
    return new Pagination(Kind.NONE, "", "", 100, "");
  }
}

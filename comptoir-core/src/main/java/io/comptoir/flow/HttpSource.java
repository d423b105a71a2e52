package io.comptoir.flow;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.net.URI;
import java.util.Map;

/**
 * An HTTP JSON API pulled page by page.
 *
 * @param items JSON pointer to the array of records in each page ({@code ""} when the page is the
 *     array)
 * @param pagination how to ask for the next page
 * @param headers sent with every request; values may name environment variables as {@code
 *     ${env:NAME}} so that secrets stay out of the document
 */
public record HttpSource(URI url, String items, Pagination pagination, Map<String, String> headers)
    implements FlowSource {
  public HttpSource {
    requireNonNull(url, "url is null");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw ComptoirException.invalidInput("url must be http or https, got '%s'", url);
    }
    items = items == null ? "" : items;
    if (!items.isEmpty() && !items.startsWith("/")) {
      throw ComptoirException.invalidInput(
          "items must be a JSON pointer such as /data, got '%s'", items);
    }
    requireNonNull(pagination, "pagination is null");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  @Override
  public String kind() {
    return "http";
  }
}

package io.comptoir.connectors;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.common.ComptoirException;
import io.comptoir.flow.FlowDefinition;
import io.comptoir.flow.HttpSource;
import io.comptoir.flow.Pagination;
import io.comptoir.flow.SourceBatch;
import io.comptoir.flow.SourceReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls every page of a JSON API and writes their records as JSON lines into one batch: each run is
 * a full snapshot (usually written with {@code overwrite}). Paging stops at an empty page, at a
 * page with fewer records than the size asked for (when the size is sent), or when a page has no
 * next link. The batch's progress is the SHA-256 of the records: a pull identical to the last
 * version's makes no new version.
 */
final class HttpSourceReader implements SourceReader {
  private static final Logger log = LoggerFactory.getLogger(HttpSourceReader.class);

  /** The progress entry: the SHA-256 of the last version's records. */
  static final String CHECKSUM = "checksum";

  /** More pages than this means the pagination does not end. */
  static final int MAX_PAGES = 100_000;

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FlowDefinition flow;
  private final HttpSource source;
  private final Map<String, String> environment;
  private final Path workDirectory;
  private final int maxPages;
  private boolean read;

  HttpSourceReader(FlowDefinition flow, Map<String, String> environment, Path workDirectory) {
    this(flow, environment, workDirectory, MAX_PAGES);
  }

  HttpSourceReader(
      FlowDefinition flow, Map<String, String> environment, Path workDirectory, int maxPages) {
    this.flow = requireNonNull(flow, "flow is null");
    this.source = (HttpSource) flow.source();
    this.environment = requireNonNull(environment, "environment is null");
    this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    this.maxPages = maxPages;
  }

  @Override
  public Optional<SourceBatch> next(Map<String, String> committed) {
    if (read) {
      return Optional.empty();
    }
    read = true;
    Map<String, String> headers = headers();
    Path file = workDirectory.resolve("http.jsonl");
    String checksum;
    long records;
    int pages;
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    try (JsonLinesFile out = new JsonLinesFile(file)) {
      pages = pull(client, headers, out);
      checksum = out.finish();
      records = out.records();
    }
    log.info(
        "flow {}: {} record(s) in {} page(s) from {}", flow.id(), records, pages, source.url());
    if (records == 0) {
      return Optional.empty();
    }
    if (checksum.equals(committed.get(CHECKSUM))) {
      log.info("flow {}: the API gave the same records as for the last version", flow.id());
      return Optional.empty();
    }
    return Optional.of(
        new WorkFileBatch(file, source.url().toString(), Map.of(CHECKSUM, checksum)));
  }

  /** Requests the pages one after the other; returns how many. */
  private int pull(HttpClient client, Map<String, String> headers, JsonLinesFile out) {
    Pagination pagination = source.pagination();
    URI url = source.url();
    long offset = 0;
    for (int page = 1; page <= maxPages; page++) {
      URI pageUrl =
          switch (pagination.kind()) {
            case NONE, NEXT_LINK -> url;
            case PAGE -> withParameters(url, pagination, Long.toString(page));
            case OFFSET -> withParameters(url, pagination, Long.toString(offset));
          };
      JsonNode body = get(client, pageUrl, headers);
      JsonNode items = source.items().isEmpty() ? body : body.at(source.items());
      if (!items.isArray()) {
        throw ComptoirException.invalidInput(
            "flow %s: GET %s: no array of records at '%s' in the response",
            flow.id(), pageUrl, source.items());
      }
      write(items, out);
      int received = items.size();
      offset += received;
      boolean last =
          switch (pagination.kind()) {
            case NONE -> true;
            case PAGE, OFFSET ->
                received == 0
                    || (!pagination.sizeParameter().isEmpty() && received < pagination.size());
            case NEXT_LINK -> {
              JsonNode next = body.at(pagination.next());
              if (received == 0 || !next.isTextual() || next.asText().isBlank()) {
                yield true;
              }
              url = nextUrl(pageUrl, next.asText());
              yield false;
            }
          };
      if (last) {
        return page;
      }
    }
    throw ComptoirException.invalidInput(
        "flow %s: %s gave more than %d pages: the pagination does not end",
        flow.id(), source.url(), maxPages);
  }

  private void write(JsonNode items, JsonLinesFile out) {
    try {
      for (JsonNode item : items) {
        JSON.writeTree(out.generator(), item);
        out.recordWritten();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out.path(), e);
    }
  }

  private JsonNode get(HttpClient client, URI url, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .GET();
    headers.forEach(request::header);
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw ComptoirException.invalidInput(
          "flow %s: GET %s failed: %s", flow.id(), url, describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ComptoirException.invalidInput("flow %s: GET %s was interrupted", flow.id(), url);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw ComptoirException.invalidInput(
            "flow %s: GET %s answered HTTP %d", flow.id(), url, response.statusCode());
      }
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw ComptoirException.invalidInput(
          "flow %s: GET %s: the response is not JSON: %s", flow.id(), url, e.getOriginalMessage());
    } catch (IOException e) {
      throw ComptoirException.invalidInput(
          "flow %s: GET %s failed while reading the response: %s", flow.id(), url, describe(e));
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The headers with their {@code ${env:NAME}} replaced; values are never logged. */
  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    source
        .headers()
        .forEach(
            (name, value) -> {
              Matcher matcher = VARIABLE.matcher(value);
              StringBuilder substituted = new StringBuilder();
              while (matcher.find()) {
                String variable = matcher.group(1);
                String replacement = environment.get(variable);
                if (replacement == null) {
                  throw ComptoirException.invalidInput(
                      "flow %s: header %s names environment variable %s, which is not set",
                      flow.id(), name, variable);
                }
                matcher.appendReplacement(substituted, Matcher.quoteReplacement(replacement));
              }
              matcher.appendTail(substituted);
              headers.put(name, substituted.toString());
            });
    return headers;
  }

  /** The URL with the page (or offset) parameter and the size parameter set. */
  static URI withParameters(URI url, Pagination pagination, String position) {
    Map<String, String> set = new LinkedHashMap<>();
    set.put(pagination.parameter(), position);
    if (!pagination.sizeParameter().isEmpty()) {
      set.put(pagination.sizeParameter(), Integer.toString(pagination.size()));
    }
    List<String> query = new ArrayList<>();
    if (url.getRawQuery() != null && !url.getRawQuery().isEmpty()) {
      for (String pair : url.getRawQuery().split("&")) {
        String name = pair.split("=", 2)[0];
        if (!set.containsKey(decode(name))) {
          query.add(pair);
        }
      }
    }
    set.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
    String text = url.toString();
    int cut = text.indexOf('?');
    if (cut < 0) {
      cut = text.indexOf('#');
    }
    String base = cut < 0 ? text : text.substring(0, cut);
    return URI.create(base + "?" + String.join("&", query));
  }

  /**
   * The next page's URL, resolved against the current one; on the same origin only, so that the
   * headers (a token) are never sent to another server.
   */
  private URI nextUrl(URI current, String next) {
    URI resolved;
    try {
      resolved = current.resolve(next.strip());
    } catch (IllegalArgumentException e) {
      throw ComptoirException.invalidInput(
          "flow %s: GET %s: the next page's URL '%s' is not a URL", flow.id(), current, next);
    }
    if (!origin(resolved).equals(origin(source.url()))) {
      throw ComptoirException.invalidInput(
          "flow %s: GET %s: the next page's URL %s is not on %s",
          flow.id(), current, resolved, origin(source.url()));
    }
    return resolved;
  }

  private static String origin(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {}
}

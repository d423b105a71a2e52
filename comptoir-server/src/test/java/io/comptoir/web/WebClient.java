package io.comptoir.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A browser without JavaScript for page tests: keeps cookies, does not follow redirects, and sends
 * the CSRF token of the last page it read with every form.
 */
public final class WebClient {
  /** A page answer; {@code html()} parses the body. */
  public record Answer(
      int status, String body, Optional<String> location, HttpResponse<String> raw) {
    public Document html() {
      return Jsoup.parse(body);
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse("");
    }
  }

  private final String baseUrl;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;
  private String csrf = "";

  public WebClient(String baseUrl) {
    this.baseUrl = baseUrl;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  /** A GET with extra headers (htmx sends {@code HX-Request: true}). */
  public Answer send(String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
    headers.forEach(request::header);
    return send(request);
  }

  /** Posts a form with the CSRF token of the last page read (unless the form has one). */
  public Answer post(String path, Map<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("_csrf", csrf);
    fields.putAll(form);
    return postRaw(path, fields);
  }

  /** Posts exactly these fields. */
  public Answer postRaw(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * Posts a multipart form: the fields (with the CSRF token of the last page read) and one file in
   * the field {@code file}.
   */
  public Answer postFile(String path, Map<String, String> form, String filename, byte[] content) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("_csrf", csrf);
    fields.putAll(form);
    String boundary = "----comptoir" + java.util.UUID.randomUUID();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + field.getKey()
                  + "\"\r\n\r\n"
                  + field.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** Logs in through the login page; fails unless redirected. */
  public WebClient login(String username, String password) {
    get("/login");
    Answer answer = post("/login", Map.of("username", username, "password", password, "next", "/"));
    if (answer.status() != 302) {
      throw new AssertionError(
          "login of " + username + " failed: " + answer.status() + " " + answer.body());
    }
    get("/");
    return this;
  }

  public String csrf() {
    return csrf;
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      if (contentType.startsWith("text/html")) {
        String token = Jsoup.parse(response.body()).select("meta[name=csrf-token]").attr("content");
        if (!token.isEmpty()) {
          csrf = token;
        }
      }
      return new Answer(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Location"),
          response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

package io.comptoir.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tiny JSON client over java.net.http for the API tests. */
final class Http {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient client;
  private final String baseUrl;
  private final Map<String, String> headers;

  record Response(
      int status,
      String body,
      Optional<String> location,
      String contentType,
      List<String> setCookies,
      Optional<String> wwwAuthenticate,
      Optional<String> retryAfter) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }

    String errorMessage() {
      return json().path("error").path("message").asText();
    }
  }

  /** An anonymous client. */
  Http(String baseUrl) {
    this(HttpClient.newHttpClient(), baseUrl, Map.of());
  }

  /** A client sending {@code Authorization: Bearer <token>}. */
  Http(String baseUrl, String token) {
    this(HttpClient.newHttpClient(), baseUrl, Map.of("Authorization", "Bearer " + token));
  }

  private Http(HttpClient client, String baseUrl, Map<String, String> headers) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.headers = headers;
  }

  /** The same client sending one more header on every request. */
  Http withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Http(client, baseUrl, more);
  }

  /** The same client as the holder of a token. */
  Http withToken(String token) {
    return withHeader("Authorization", "Bearer " + token);
  }

  Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  Response post(String path, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  Response post(String path, String body) {
    return post(path, body.getBytes(StandardCharsets.UTF_8));
  }

  Response postJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Response putJson(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  Response putYaml(String path, String yaml) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/yaml")
            .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  /** The raw body of a successful GET (binary formats). */
  byte[] getBytes(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "GET "
                + path
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Response send(HttpRequest.Builder request) {
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Location"),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().allValues("Set-Cookie"),
          response.headers().firstValue("WWW-Authenticate"),
          response.headers().firstValue("Retry-After"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package io.comptoir.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.comptoir.common.ComptoirException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The JSON mapping of the API: ISO-8601 instants, unknown request fields refused. */
final class Json {
  /** Request bodies of the JSON routes are small; larger ones are refused. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private Json() {}

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  private static String fieldNames(Class<?> type) {
    return type.isRecord()
        ? Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.joining(", "))
        : "";
  }

  /** Reads a small JSON request body; any problem is an INVALID_INPUT naming the field. */
  static <T> T read(ObjectMapper mapper, InputStream body, Class<T> type) {
    byte[] bytes;
    try {
      bytes = body.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw ComptoirException.invalidInput("cannot read the request body: %s", e.getMessage());
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw ComptoirException.invalidInput("request body is larger than %d bytes", MAX_BODY_BYTES);
    }
    if (bytes.length == 0) {
      throw ComptoirException.invalidInput("request body is empty: send a JSON object");
    }
    try {
      return mapper.readValue(bytes, type);
    } catch (UnrecognizedPropertyException e) {
      throw ComptoirException.invalidInput(
          "unknown field '%s' in the request body (known fields: %s)",
          e.getPropertyName(), fieldNames(type));
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ComptoirException comptoir) {
        throw comptoir;
      }
      throw ComptoirException.invalidInput("invalid JSON body: %s", e.getOriginalMessage());
    } catch (IOException e) {
      throw ComptoirException.invalidInput("cannot read the request body: %s", e.getMessage());
    }
  }
}

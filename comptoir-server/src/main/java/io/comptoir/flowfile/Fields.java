package io.comptoir.flowfile;

import io.comptoir.common.ComptoirException;
import io.comptoir.flowfile.YamlTree.Location;
import io.comptoir.flowfile.YamlTree.Mapping;
import io.comptoir.flowfile.YamlTree.Scalar;
import io.comptoir.flowfile.YamlTree.Sequence;
import io.comptoir.flowfile.YamlTree.Value;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the keys of one mapping of a flow document, with its path ({@code source.pattern}) for
 * messages. Problems are collected in the shared {@link Problems}; {@link #done()} reports the keys
 * nobody read as unknown.
 */
final class Fields {
  /** The problems of a whole document, each "line N, key: what is wrong". */
  static final class Problems {
    private final List<String> messages = new ArrayList<>();

    void add(Location location, String path, String message) {
      messages.add(location + ", " + path + ": " + message);
    }

    boolean isEmpty() {
      return messages.isEmpty();
    }

    /** INVALID_INPUT listing every problem, when there is one. */
    void throwIfAny() {
      if (!messages.isEmpty()) {
        throw ComptoirException.invalidInput(
            "the flow document is not valid: %s", String.join("; ", messages));
      }
    }
  }

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Mapping mapping;
  private final String path;
  private final Problems problems;
  private final Set<String> read = new LinkedHashSet<>();

  Fields(Mapping mapping, String path, Problems problems) {
    this.mapping = mapping;
    this.path = path;
    this.problems = problems;
  }

  Location location() {
    return mapping.location();
  }

  String path() {
    return path;
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Location locationOf(String key) {
    Value value = mapping.entries().get(key);
    return value != null ? value.location() : mapping.keys().getOrDefault(key, mapping.location());
  }

  boolean has(String key) {
    Value value = mapping.entries().get(key);
    return value != null && !(value instanceof Scalar scalar && scalar.text() == null);
  }

  Optional<String> text(String key) {
    read.add(key);
    Value value = mapping.entries().get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Scalar scalar) {
      return Optional.ofNullable(scalar.text()).map(String::strip).filter(t -> !t.isEmpty());
    }
    problems.add(value.location(), pathOf(key), "expected a single value, not a list or mapping");
    return Optional.empty();
  }

  /** A required text; empty (and a problem recorded) when missing. */
  Optional<String> requiredText(String key) {
    Optional<String> text = text(key);
    if (text.isEmpty() && !mapping.entries().containsKey(key)) {
      problems.add(mapping.location(), pathOf(key), "missing (required)");
    } else if (text.isEmpty()) {
      problems.add(locationOf(key), pathOf(key), "must not be empty");
    }
    return text;
  }

  Optional<Integer> integer(String key) {
    return text(key).flatMap(text -> parse(key, text, Integer::parseInt, "a whole number"));
  }

  Optional<Double> decimal(String key) {
    return text(key).flatMap(text -> parse(key, text, Double::parseDouble, "a number"));
  }

  Optional<Boolean> bool(String key) {
    return text(key)
        .flatMap(
            text -> {
              String lower = text.toLowerCase(Locale.ROOT);
              if (lower.equals("true") || lower.equals("yes")) {
                return Optional.of(true);
              }
              if (lower.equals("false") || lower.equals("no")) {
                return Optional.of(false);
              }
              problems.add(
                  locationOf(key), pathOf(key), "expected true or false, got '" + text + "'");
              return Optional.empty();
            });
  }

  /** A duration: ISO-8601 ({@code PT30S}) or a number with a unit ({@code 30s}, {@code 5m}). */
  Optional<Duration> duration(String key) {
    return text(key)
        .flatMap(
            text -> {
              Matcher simple = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
              if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                return Optional.of(
                    switch (simple.group(2)) {
                      case "ms" -> Duration.ofMillis(amount);
                      case "s" -> Duration.ofSeconds(amount);
                      case "m" -> Duration.ofMinutes(amount);
                      case "h" -> Duration.ofHours(amount);
                      default -> Duration.ofDays(amount);
                    });
              }
              try {
                return Optional.of(Duration.parse(text.toUpperCase(Locale.ROOT)));
              } catch (DateTimeParseException e) {
                problems.add(
                    locationOf(key),
                    pathOf(key),
                    "expected a duration such as 30s, 5m, 1h or PT30S, got '" + text + "'");
                return Optional.empty();
              }
            });
  }

  /** A list of texts; a single text is a list of one. */
  List<String> texts(String key) {
    read.add(key);
    Value value = mapping.entries().get(key);
    if (value == null || (value instanceof Scalar scalar && scalar.text() == null)) {
      return List.of();
    }
    if (value instanceof Scalar scalar) {
      return List.of(scalar.text().strip());
    }
    if (value instanceof Sequence sequence) {
      List<String> texts = new ArrayList<>();
      for (Value item : sequence.items()) {
        if (item instanceof Scalar scalar && scalar.text() != null) {
          texts.add(scalar.text().strip());
        } else {
          problems.add(item.location(), pathOf(key), "expected a list of single values");
        }
      }
      return texts;
    }
    problems.add(value.location(), pathOf(key), "expected a list, not a mapping");
    return List.of();
  }

  /** A mapping of texts, such as HTTP headers. */
  Map<String, String> textMap(String key) {
    read.add(key);
    Value value = mapping.entries().get(key);
    Map<String, String> texts = new LinkedHashMap<>();
    if (value == null || (value instanceof Scalar scalar && scalar.text() == null)) {
      return texts;
    }
    if (!(value instanceof Mapping map)) {
      problems.add(value.location(), pathOf(key), "expected a mapping of names to values");
      return texts;
    }
    map.entries()
        .forEach(
            (name, item) -> {
              if (item instanceof Scalar scalar && scalar.text() != null) {
                texts.put(name, scalar.text());
              } else {
                problems.add(item.location(), pathOf(key) + "." + name, "expected a single value");
              }
            });
    return texts;
  }

  /** A nested mapping, empty when absent. */
  Optional<Fields> section(String key) {
    read.add(key);
    Value value = mapping.entries().get(key);
    if (value == null || (value instanceof Scalar scalar && scalar.text() == null)) {
      return Optional.empty();
    }
    if (value instanceof Mapping nested) {
      return Optional.of(new Fields(nested, pathOf(key), problems));
    }
    problems.add(value.location(), pathOf(key), "expected a mapping of keys");
    return Optional.empty();
  }

  /** Marks keys as read without reading them (handled elsewhere). */
  void skip(String... keys) {
    read.addAll(List.of(keys));
  }

  /** Marks every key as read (after a problem that makes the others meaningless). */
  void skipAll() {
    read.addAll(mapping.keys().keySet());
  }

  /** Records a problem with a key. */
  void problem(String key, String message) {
    problems.add(locationOf(key), pathOf(key), message);
  }

  /** Records every key nobody read as unknown, with the keys that are known here. */
  void done() {
    for (Map.Entry<String, Location> key : mapping.keys().entrySet()) {
      if (!read.contains(key.getKey())) {
        problems.add(
            key.getValue(),
            pathOf(key.getKey()),
            "unknown key (known here: " + String.join(", ", read) + ")");
      }
    }
  }

  /**
   * Runs a check (a constructor of a core value) and records its INVALID_INPUT message at the key's
   * line instead of failing.
   */
  <T> Optional<T> check(String key, java.util.function.Supplier<T> check) {
    try {
      return Optional.of(check.get());
    } catch (ComptoirException e) {
      String where = key.isEmpty() ? (path.isEmpty() ? "document" : path) : pathOf(key);
      problems.add(key.isEmpty() ? location() : locationOf(key), where, e.getMessage());
      return Optional.empty();
    }
  }

  private <T> Optional<T> parse(String key, String text, Function<String, T> parser, String what) {
    try {
      return Optional.of(parser.apply(text));
    } catch (RuntimeException e) {
      problems.add(locationOf(key), pathOf(key), "expected " + what + ", got '" + text + "'");
      return Optional.empty();
    }
  }
}

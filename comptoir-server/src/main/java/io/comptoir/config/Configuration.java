package io.comptoir.config;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resolved configuration. Each key takes its value from the first source that gives one:
 * command line ({@code --set key=value} and dedicated options), environment ({@code
 * COMPTOIR_KEY_NAME}), the properties file, then the key's default. Every value is checked when
 * loaded, so a bad value stops the start with a message naming the key and where it came from.
 */
public final class Configuration {
  /** Name of the properties file looked for in the working directory. */
  public static final String DEFAULT_FILE_NAME = "comptoir.properties";

  private static final Logger log = LoggerFactory.getLogger(Configuration.class);
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z0-9-]+)}");

  private final Map<ConfigKey, Setting> settings;
  private final Path workingDirectory;

  /** A resolved value and a human description of where it came from. */
  public record Setting(String value, String origin) {
    public Setting {
      requireNonNull(value, "value is null");
      requireNonNull(origin, "origin is null");
    }
  }

  private Configuration(Map<ConfigKey, Setting> settings, Path workingDirectory) {
    this.settings = Map.copyOf(settings);
    this.workingDirectory = workingDirectory;
  }

  /**
   * Resolves every key.
   *
   * @param overrides values given on the command line, by key
   * @param environment the process environment (only {@code COMPTOIR_*} variables are read)
   * @param configFile a properties file that must exist; when empty, {@code comptoir.properties} in
   *     the working directory is read if present
   * @param workingDirectory relative paths resolve against it
   */
  public static Configuration load(
      Map<String, String> overrides,
      Map<String, String> environment,
      Optional<Path> configFile,
      Path workingDirectory) {
    Path directory = workingDirectory.toAbsolutePath().normalize();
    return resolve(
        commandLine(overrides),
        readEnvironment(environment),
        readFile(configFile, directory),
        directory);
  }

  private static Map<ConfigKey, Setting> commandLine(Map<String, String> overrides) {
    Map<ConfigKey, Setting> found = new LinkedHashMap<>();
    overrides.forEach(
        (key, value) ->
            found.put(requireKey(key, "on the command line"), setting(value, "command line")));
    return found;
  }

  private static Configuration resolve(
      Map<ConfigKey, Setting> fromOverrides,
      Map<ConfigKey, Setting> fromEnvironment,
      Map<ConfigKey, Setting> fromFile,
      Path directory) {
    Map<ConfigKey, Setting> resolved = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      Setting setting = fromOverrides.get(key);
      if (setting == null) {
        setting = fromEnvironment.get(key);
      }
      if (setting == null) {
        setting = fromFile.get(key);
      }
      if (setting != null) {
        resolved.put(key, setting);
      }
    }
    for (ConfigKey key : ConfigKeys.ALL) {
      if (!resolved.containsKey(key)) {
        resolved.put(key, new Setting(expandDefault(key, resolved), "default"));
      }
    }
    resolved.forEach(Configuration::check);
    return new Configuration(resolved, directory);
  }

  /**
   * Only the given values and the defaults: no environment, no file. For tests and embedding.
   *
   * @param values values by key, as if given on the command line
   */
  public static Configuration of(Map<String, String> values, Path workingDirectory) {
    Path directory = workingDirectory.toAbsolutePath().normalize();
    return resolve(commandLine(values), Map.of(), Map.of(), directory);
  }

  private static ConfigKey requireKey(String key, String where) {
    return ConfigKeys.find(key)
        .orElseThrow(
            () ->
                ComptoirException.invalidInput(
                    "unknown configuration key '%s' %s (known keys: %s)",
                    key,
                    where,
                    ConfigKeys.ALL.stream().map(ConfigKey::key).collect(Collectors.joining(", "))));
  }

  private static Setting setting(String value, String origin) {
    return new Setting(value == null ? "" : value.trim(), origin);
  }

  private static Map<ConfigKey, Setting> readEnvironment(Map<String, String> environment) {
    Map<ConfigKey, Setting> found = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      String value = environment.get(key.environmentVariable());
      if (value != null) {
        found.put(key, setting(value, "environment " + key.environmentVariable()));
      }
    }
    environment.keySet().stream()
        .filter(name -> name.startsWith("COMPTOIR_"))
        .filter(
            name -> ConfigKeys.ALL.stream().noneMatch(k -> k.environmentVariable().equals(name)))
        .sorted()
        .forEach(name -> log.warn("ignoring environment variable {}: no such key", name));
    return found;
  }

  private static Map<ConfigKey, Setting> readFile(Optional<Path> configFile, Path directory) {
    Path file;
    if (configFile.isPresent()) {
      file = directory.resolve(configFile.get());
      if (!Files.isRegularFile(file)) {
        throw ComptoirException.invalidInput("configuration file not found: %s", file);
      }
    } else {
      file = directory.resolve(DEFAULT_FILE_NAME);
      if (!Files.isRegularFile(file)) {
        return Map.of();
      }
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw ComptoirException.invalidInput(
          "cannot read configuration file %s: %s", file, e.getMessage());
    }
    Map<ConfigKey, Setting> found = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames().stream().sorted().toList()) {
      found.put(
          requireKey(name, "in " + file), setting(properties.getProperty(name), "file " + file));
    }
    return found;
  }

  private static String expandDefault(ConfigKey key, Map<ConfigKey, Setting> resolved) {
    Matcher matcher = REFERENCE.matcher(key.defaultValue());
    StringBuilder expanded = new StringBuilder();
    while (matcher.find()) {
      ConfigKey referenced =
          ConfigKeys.find(matcher.group(1))
              .orElseThrow(() -> new IllegalStateException("bad default of " + key));
      Setting value = resolved.get(referenced);
      if (value == null) {
        throw new IllegalStateException(key + " refers to " + referenced + ", declared after it");
      }
      matcher.appendReplacement(expanded, Matcher.quoteReplacement(value.value()));
    }
    matcher.appendTail(expanded);
    return expanded.toString();
  }

  private static void check(ConfigKey key, Setting setting) {
    if (setting.value().isEmpty()) {
      if (!key.defaultValue().isEmpty()) {
        throw ComptoirException.invalidInput(
            "configuration key '%s' is empty (from %s): expected a %s",
            key.key(), setting.origin(), key.type().expected());
      }
      return;
    }
    try {
      key.type().check(key, setting.value());
    } catch (ComptoirException e) {
      throw new ComptoirException(e.code(), e.getMessage() + " (from " + setting.origin() + ")", e);
    }
  }

  public Setting setting(ConfigKey key) {
    return settings.get(key);
  }

  /** The raw value; empty when not set. */
  public String string(ConfigKey key) {
    return settings.get(key).value();
  }

  public Optional<String> optional(ConfigKey key) {
    return Optional.of(string(key)).filter(value -> !value.isEmpty());
  }

  public int integer(ConfigKey key) {
    return Integer.parseInt(requireSet(key));
  }

  public Optional<Integer> optionalInteger(ConfigKey key) {
    return optional(key).map(Integer::parseInt);
  }

  public boolean bool(ConfigKey key) {
    return Boolean.parseBoolean(requireSet(key).toLowerCase(java.util.Locale.ROOT));
  }

  /** A {@link ConfigType#CLASSIFICATION_LIST}; empty when unset. */
  public java.util.Set<io.comptoir.catalog.Classification> classifications(ConfigKey key) {
    java.util.Set<io.comptoir.catalog.Classification> values =
        java.util.EnumSet.noneOf(io.comptoir.catalog.Classification.class);
    for (String part : string(key).split(",")) {
      if (!part.isBlank()) {
        values.add(
            io.comptoir.catalog.Classification.valueOf(
                part.trim().toUpperCase(java.util.Locale.ROOT)));
      }
    }
    return values;
  }

  public double decimal(ConfigKey key) {
    return Double.parseDouble(requireSet(key));
  }

  public long bytes(ConfigKey key) {
    return ConfigType.parseBytesOrNegative(requireSet(key));
  }

  public Path path(ConfigKey key) {
    return workingDirectory.resolve(requireSet(key)).normalize();
  }

  public List<Path> paths(ConfigKey key) {
    List<Path> paths = new ArrayList<>();
    for (String part : Arrays.asList(string(key).split(","))) {
      if (!part.isBlank()) {
        paths.add(workingDirectory.resolve(part.trim()).normalize());
      }
    }
    return List.copyOf(paths);
  }

  /** The value as it may be shown to a person: secrets are masked. */
  public String display(ConfigKey key) {
    String value = string(key);
    return key.type() == ConfigType.SECRET && !value.isEmpty() ? "********" : value;
  }

  public Path workingDirectory() {
    return workingDirectory;
  }

  private String requireSet(ConfigKey key) {
    String value = string(key);
    if (value.isEmpty()) {
      throw new IllegalStateException("configuration key " + key + " is not set");
    }
    return value;
  }
}

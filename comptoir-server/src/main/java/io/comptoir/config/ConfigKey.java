package io.comptoir.config;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One configuration key, declared as data.
 *
 * @param key kebab-case name, used in {@code --set key=value} and {@code comptoir.properties}
 * @param type how the value is checked and converted
 * @param defaultValue the value when no source gives one; may name another key as {@code
 *     ${other-key}}; empty means "not set"
 * @param description one sentence for docs and {@code comptoir config}
 */
public record ConfigKey(String key, ConfigType type, String defaultValue, String description) {
  private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  public ConfigKey {
    requireNonNull(key, "key is null");
    if (!KEBAB.matcher(key).matches()) {
      throw new IllegalArgumentException("config key must be kebab-case: " + key);
    }
    requireNonNull(type, "type is null");
    requireNonNull(defaultValue, "defaultValue is null");
    requireNonNull(description, "description is null");
  }

  /** The environment variable that sets this key: {@code COMPTOIR_DATA_DIR} for data-dir. */
  public String environmentVariable() {
    return "COMPTOIR_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String toString() {
    return key;
  }
}

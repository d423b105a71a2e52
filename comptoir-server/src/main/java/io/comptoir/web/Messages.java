package io.comptoir.web;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The texts of the web pages in one language, read from UTF-8 properties files {@code
 * io/comptoir/web/i18n/<bundle>_<lang>.properties}. Placeholders are {@code {0}}, {@code {1}}...
 * replaced as plain text (no {@link java.text.MessageFormat} quoting, so French apostrophes need no
 * escaping). Every key exists in every language: {@code MessagesTest} checks it.
 */
public final class Messages {
  private static final Logger log = LoggerFactory.getLogger(Messages.class);

  /** One bundle per group of pages, so that each group keeps its texts apart. */
  static final List<String> BUNDLES =
      List.of(
          "common",
          "catalog",
          "contracts",
          "governance",
          "ingestion",
          "admin",
          "flows",
          "standing",
          "quality",
          "lineage");

  /** French first: the default language. */
  public static final List<String> LANGUAGES = List.of("fr", "en");

  private static final Map<String, Messages> LOADED = loadAll();

  private final String language;
  private final Map<String, String> texts;

  private Messages(String language, Map<String, String> texts) {
    this.language = language;
    this.texts = Map.copyOf(texts);
  }

  /** The texts of a supported language; the default language for any other. */
  public static Messages of(String language) {
    Messages messages = language == null ? null : LOADED.get(language.toLowerCase(Locale.ROOT));
    return messages == null ? LOADED.get(LANGUAGES.get(0)) : messages;
  }

  public String language() {
    return language;
  }

  public Locale locale() {
    return Locale.forLanguageTag(language);
  }

  /** The text of a key with its placeholders filled; a visible marker when the key is missing. */
  public String text(String key, Object... arguments) {
    String text = texts.get(key);
    if (text == null) {
      log.warn("no {} text for key '{}'", language, key);
      return "[" + key + "]";
    }
    for (int i = 0; i < arguments.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
    }
    return text;
  }

  /** Whether the key has a text. */
  public boolean has(String key) {
    return texts.containsKey(key);
  }

  Set<String> keys() {
    return texts.keySet();
  }

  private static Map<String, Messages> loadAll() {
    Map<String, Messages> all = new HashMap<>();
    for (String language : LANGUAGES) {
      Map<String, String> texts = new HashMap<>();
      for (String bundle : BUNDLES) {
        String resource = "i18n/" + bundle + "_" + language + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("missing resource io/comptoir/web/" + resource);
          }
          Properties properties = new Properties();
          properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
          for (String key : properties.stringPropertyNames()) {
            if (texts.put(key, properties.getProperty(key)) != null) {
              throw new IllegalStateException(
                  "key '" + key + "' is defined twice (" + resource + ")");
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      all.put(language, new Messages(language, texts));
    }
    return Map.copyOf(all);
  }

  static Messages require(String language) {
    return requireNonNull(LOADED.get(language), "unsupported language " + language);
  }
}

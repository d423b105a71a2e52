package io.comptoir.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.catalog.Classification;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every label is translated, and templates hold no text of their own. */
class MessagesTest {
  private static final Path TEMPLATES = Path.of("src/main/jte");
  private static final Path PAGE_CODE = Path.of("src/main/java/io/comptoir/web");
  private static final Pattern LITERAL_KEY =
      Pattern.compile("\\b(?:t|text|has)\\(\\s*\"([a-z0-9][a-zA-Z0-9_.-]*)\"\\s*[,)]");

  @Test
  void everyLanguageHasTheSameKeys() {
    Set<String> french = new TreeSet<>(Messages.require("fr").keys());
    Set<String> english = new TreeSet<>(Messages.require("en").keys());

    assertThat(french).isNotEmpty();
    assertThat(english).isEqualTo(french);
  }

  @Test
  void everyKeyNamedInTemplatesAndPagesHasATextInEveryLanguage() throws IOException {
    List<String> missing = new ArrayList<>();
    int found = 0;
    for (Path file : files(TEMPLATES, ".jte", PAGE_CODE, ".java")) {
      Matcher matcher = LITERAL_KEY.matcher(Files.readString(file));
      while (matcher.find()) {
        found++;
        for (String language : Messages.LANGUAGES) {
          if (!Messages.require(language).has(matcher.group(1))) {
            missing.add(language + " " + matcher.group(1) + " (" + file.getFileName() + ")");
          }
        }
      }
    }

    assertThat(found).isGreaterThan(20);
    assertThat(missing).isEmpty();
  }

  @Test
  void keysBuiltFromEnumsHaveATextForEveryValue() {
    List<String> keys = new ArrayList<>();
    for (Role role : Role.values()) {
      keys.add("role." + role.name());
    }
    for (Classification classification : Classification.values()) {
      keys.add("classification." + classification.name());
    }
    for (ErrorCode code : ErrorCode.values()) {
      keys.add("error." + code.name());
    }
    for (io.comptoir.search.SearchFacet facet : io.comptoir.search.SearchFacet.values()) {
      keys.add("facet." + facet.parameter());
    }
    for (io.comptoir.score.StandingFacts.CertificationLevel level :
        io.comptoir.score.StandingFacts.CertificationLevel.values()) {
      keys.add("search.certification." + level.name());
    }
    keys.add("search.certification.NONE");
    for (io.comptoir.search.SearchResult.Kind kind :
        io.comptoir.search.SearchResult.Kind.values()) {
      keys.add("search.kind." + kind.name());
    }
    for (String language : Messages.LANGUAGES) {
      assertThat(keys)
          .allSatisfy(
              key ->
                  assertThat(Messages.require(language).has(key))
                      .as(language + " " + key)
                      .isTrue());
    }
  }

  @Test
  void everyReasonOfTheDataScoreIsWrittenInEveryLanguageWithTheSameValues() {
    for (io.comptoir.score.ReasonCode code : io.comptoir.score.ReasonCode.values()) {
      String key = "score.reason." + code.code();
      Set<String> placeholders = placeholders(code.english());
      for (String language : Messages.LANGUAGES) {
        assertThat(Messages.require(language).has(key)).as(language + " " + key).isTrue();
        assertThat(placeholders(Messages.require(language).text(key)))
            .as(language + " " + key)
            .isEqualTo(placeholders);
      }
    }
  }

  @Test
  void aReasonReadsInTheReadersLanguageWithItsValues() {
    var described =
        io.comptoir.score.Reason.of(io.comptoir.score.ReasonCode.DOCUMENTATION_DESCRIBED, 3, 1200);
    var late =
        io.comptoir.score.Reason.of(
            io.comptoir.score.ReasonCode.FRESHNESS_AGAINST_DEFAULT,
            4,
            java.time.Duration.ofHours(120),
            java.time.Duration.ofDays(31));
    var classification =
        io.comptoir.score.Reason.of(
            io.comptoir.score.ReasonCode.CLASSIFICATION_SET, Classification.CONFIDENTIAL.name());
    Page french = new Page(Messages.require("fr"), java.util.Optional.empty(), 0, "", "/");
    Page english = new Page(Messages.require("en"), java.util.Optional.empty(), 0, "", "/");

    assertThat(french.reason(described))
        .isEqualTo("3 colonnes décrites sur " + french.number(1200))
        .isNotEqualTo(english.reason(described));
    assertThat(english.reason(described)).isEqualTo("3 of 1,200 columns are described");
    assertThat(english.reason(described)).isEqualTo(described.message().replace("1200", "1,200"));
    assertThat(french.reason(late))
        .isEqualTo(
            "la version 4 date de 5 jours, pour une fraîcheur par défaut de 31 jours"
                + " (aucun engagement déclaré)");
    assertThat(english.reason(late)).isEqualTo(late.message());
    assertThat(french.reason(classification)).isEqualTo("classification : confidentiel");
  }

  @Test
  void whyACertificationEndedReadsInTheReadersLanguage() {
    var granted =
        new io.comptoir.score.Certification(
            "c-1",
            io.comptoir.catalog.ProductId.of("colis"),
            io.comptoir.score.StandingFacts.CertificationLevel.SILVER,
            60,
            List.of(),
            "dora",
            java.time.Instant.parse("2026-03-01T08:00:00Z"),
            java.time.LocalDate.parse("2026-09-01"),
            io.comptoir.score.CertificationStatus.IN_FORCE,
            java.util.Optional.empty(),
            "");
    java.time.Instant end = java.time.Instant.parse("2026-05-01T08:00:00Z");
    Page french = new Page(Messages.require("fr"), java.util.Optional.empty(), 0, "", "/");
    Page english = new Page(Messages.require("en"), java.util.Optional.empty(), 0, "", "/");

    var lapsed =
        granted.ended(
            io.comptoir.score.CertificationStatus.LAPSED,
            end,
            "score 48 fell below the SILVER floor of 55");
    assertThat(StandingPages.endReason(french, lapsed))
        .isEqualTo("score 48 tombé sous le plancher Argent de 55");
    assertThat(StandingPages.endReason(english, lapsed))
        .isEqualTo("score 48 fell below the Silver floor of 55");
    var expired =
        granted.ended(io.comptoir.score.CertificationStatus.EXPIRED, end, "expired on 2026-09-01");
    assertThat(StandingPages.endReason(french, expired))
        .isEqualTo("expirée le " + french.date(java.time.LocalDate.parse("2026-09-01")));
    var superseded =
        granted.ended(
            io.comptoir.score.CertificationStatus.SUPERSEDED,
            end,
            "superseded by a new GOLD certification");
    assertThat(StandingPages.endReason(french, superseded))
        .isEqualTo("remplacée par une nouvelle certification");
    assertThat(StandingPages.endReason(french, granted)).isEmpty();
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = Pattern.compile("\\{[0-9]+}").matcher(text);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }

  @Test
  void templatesHoldNoTextOfTheirOwn() throws IOException {
    List<String> offending = new ArrayList<>();
    for (Path file : files(TEMPLATES, ".jte", null, null)) {
      String text = withoutCode(Files.readString(file));
      Matcher words = Pattern.compile("\\p{L}{2,}").matcher(text);
      if (words.find()) {
        offending.add(
            file.getFileName()
                + ": '"
                + words.group()
                + "' in ..."
                + around(text, words.start())
                + "...");
      }
    }

    assertThat(offending).isEmpty();
  }

  @Test
  void fillsPlaceholdersAsPlainTextAndMarksMissingKeys() {
    Messages french = Messages.of("fr");

    assertThat(french.text("home.recent.version", 3, "hier")).isEqualTo("version 3, hier");
    assertThat(french.text("error.CONFLICT")).isEqualTo("Conflit avec l'état actuel");
    assertThat(french.text("no.such.key")).isEqualTo("[no.such.key]");
    assertThat(Messages.of("de").language()).isEqualTo("fr");
    assertThat(Messages.of("EN").language()).isEqualTo("en");
  }

  /**
   * The text a template shows, without its markup, expressions, directives and comments; the bodies
   * of content blocks ({@code @`...`}) are template text too. The product name stays.
   */
  static String withoutCode(String template) {
    List<String> texts = new ArrayList<>();
    Matcher block = Pattern.compile("(?s)@`(.*?)`").matcher(template);
    StringBuilder outer = new StringBuilder();
    int position = 0;
    while (block.find()) {
      outer.append(template, position, block.start()).append(' ');
      texts.add(block.group(1));
      position = block.end();
    }
    outer.append(template.substring(position));
    texts.add(outer.toString());
    StringBuilder all = new StringBuilder();
    for (String text : texts) {
      all.append(' ').append(stripCode(text));
    }
    return all.toString().replace("Comptoir", " ");
  }

  private static String stripCode(String template) {
    String text = template.replaceAll("(?s)<%--.*?--%>", " ");
    text = text.replaceAll("(?m)^\\s*@(import|param).*$", " ");
    text = removeBalanced(text, "${");
    text = removeBalanced(text, "!{");
    text = text.replaceAll("@(if|elseif|for)\\s*\\(", "@$1(");
    text = removeDirectives(text);
    text = text.replaceAll("@(endif|endfor|else)\\b", " ");
    text = text.replaceAll("(?s)<script\\b.*?</script>", " ");
    text = text.replaceAll("(?s)<[^>]*>", " ");
    return text;
  }

  /** Removes {@code @if(...)}, {@code @for(...)}, {@code @template.x(...)} with their arguments. */
  private static String removeDirectives(String text) {
    Matcher directive = Pattern.compile("@(if|elseif|for|template\\.[a-zA-Z_.]+)\\(").matcher(text);
    StringBuilder out = new StringBuilder();
    int position = 0;
    while (directive.find(position)) {
      out.append(text, position, directive.start());
      int end = closing(text, directive.end() - 1);
      position = end + 1;
    }
    out.append(text.substring(position));
    return out.toString();
  }

  private static String removeBalanced(String text, String opener) {
    StringBuilder out = new StringBuilder();
    int position = 0;
    int start;
    while ((start = text.indexOf(opener, position)) >= 0) {
      out.append(text, position, start);
      position = closing(text, start + opener.length() - 1) + 1;
    }
    out.append(text.substring(position));
    return out.toString();
  }

  /** The index of the bracket closing the one at {@code open}, skipping string literals. */
  private static int closing(String text, int open) {
    char opening = text.charAt(open);
    char closing = opening == '(' ? ')' : '}';
    int depth = 0;
    boolean inString = false;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == opening) {
        depth++;
      } else if (c == closing) {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return text.length() - 1;
  }

  private static String around(String text, int index) {
    return text.substring(Math.max(0, index - 30), Math.min(text.length(), index + 30))
        .replaceAll("\\s+", " ");
  }

  private static List<Path> files(Path first, String firstSuffix, Path second, String secondSuffix)
      throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(first)) {
      walk.filter(p -> p.toString().endsWith(firstSuffix)).forEach(files::add);
    }
    if (second != null) {
      try (Stream<Path> walk = Files.walk(second)) {
        walk.filter(p -> p.toString().endsWith(secondSuffix)).forEach(files::add);
      }
    }
    return files;
  }
}

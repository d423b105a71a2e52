package io.comptoir.web;

import static java.util.Objects.requireNonNull;

import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.score.Reason;
import io.comptoir.score.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What every template gets as {@code page}: the texts in the reader's language, who reads, the
 * notifications count, the CSRF token for forms and the path (for the language switch).
 */
public record Page(
    Messages messages, Optional<Principal> principal, int notifications, String csrf, String path) {
  public Page {
    requireNonNull(messages, "messages is null");
    requireNonNull(principal, "principal is null");
    requireNonNull(csrf, "csrf is null");
    requireNonNull(path, "path is null");
  }

  /** The text of a key in the reader's language. */
  public String t(String key, Object... arguments) {
    return messages.text(key, arguments);
  }

  public String lang() {
    return messages.language();
  }

  /** The other language offered by the switch. */
  public String otherLang() {
    return lang().equals("fr") ? "en" : "fr";
  }

  public boolean signedIn() {
    return principal.isPresent();
  }

  /** The principal; only called by templates of pages that require login. */
  public Principal user() {
    return principal.orElseThrow(() -> new IllegalStateException("page needs a signed-in user"));
  }

  public boolean has(Role role) {
    return principal.map(p -> p.hasRole(role) || p.isAdmin()).orElse(false);
  }

  /** Whether the user sits in at least one approval committee role. */
  public boolean approver() {
    return has(Role.DATA_OWNER) || has(Role.DPO) || has(Role.LEGAL) || has(Role.DATA_OFFICE);
  }

  /** The user's roles, translated, comma separated. */
  public String roles() {
    return principal
        .map(
            p ->
                p.roles().stream()
                    .sorted()
                    .map(role -> t("role." + role.name()))
                    .collect(Collectors.joining(", ")))
        .orElse("");
  }

  /** A date in the reader's language, e.g. "27 nov. 2026". */
  public String date(LocalDate date) {
    return date == null
        ? ""
        : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
            .withLocale(messages.locale())
            .format(date);
  }

  /** An instant as a UTC date and time in the reader's language. */
  public String dateTime(Instant instant) {
    return instant == null
        ? ""
        : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(messages.locale())
                .withZone(ZoneOffset.UTC)
                .format(instant)
            + " UTC";
  }

  /** A count with the reader's grouping, e.g. "1 234 567" or "1,234,567". */
  public String number(long value) {
    return java.text.NumberFormat.getIntegerInstance(messages.locale()).format(value);
  }

  /** A size in bytes, binary units. */
  public String bytes(long value) {
    if (value < 1024) {
      return t("unit.bytes", number(value));
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double scaled = value;
    int unit = -1;
    while (scaled >= 1024 && unit < units.length - 1) {
      scaled /= 1024;
      unit++;
    }
    return String.format(messages.locale(), "%.1f %s", scaled, units[unit]);
  }

  /** The URL of this page in the other language. */
  public String switchLanguageUrl() {
    return "/lang/"
        + otherLang()
        + "?next="
        + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * A reason of a data score in the reader's language: the text of {@code score.reason.<code>} with
   * the reason's values, numbers grouped, durations in hours or days, classifications translated.
   */
  public String reason(Reason reason) {
    List<ReasonCode.Argument> kinds = reason.code().arguments();
    Object[] values = new Object[kinds.size()];
    for (int i = 0; i < values.length; i++) {
      String value = reason.arguments().get(i);
      values[i] =
          switch (kinds.get(i)) {
            case NUMBER -> value.matches("-?[0-9]{1,18}") ? number(Long.parseLong(value)) : value;
            case DURATION -> duration(value);
            case CLASSIFICATION ->
                messages.has("classification." + value) ? t("classification." + value) : value;
            case TEXT, COLUMN_LIST -> value;
          };
    }
    return t("score.reason." + reason.code().code(), values);
  }

  private String duration(String iso) {
    Duration duration;
    try {
      duration = Duration.parse(iso);
    } catch (java.time.format.DateTimeParseException e) {
      return iso;
    }
    long hours = duration.toHours();
    return hours < 48
        ? t("score.duration.hours", number(hours))
        : t("score.duration.days", number(duration.toDays()));
  }
}

package io.comptoir.lineage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code eventTime} of the events Comptoir emits, {@code 2026-03-10T08:00:00.123Z}, written and
 * read without {@link DateTimeFormatter} for that one shape: each governed read emits an event, and
 * formatting then parsing its time back was a tenth of the lineage thread's work under load. Any
 * other shape (events posted by other tools) is read by {@link OffsetDateTime#parse}.
 */
final class EventTimes {
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int LENGTH = 24;

  private EventTimes() {}

  /** The instant, to the millisecond, in UTC. */
  static String format(Instant time) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      return MILLIS.format(time);
    }
    char[] c = new char[LENGTH];
    digits(c, 0, t.getYear(), 4);
    c[4] = '-';
    digits(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, t.getHour(), 2);
    c[13] = ':';
    digits(c, 14, t.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, t.getSecond(), 2);
    c[19] = '.';
    digits(c, 20, time.getNano() / 1_000_000, 3);
    c[23] = 'Z';
    return new String(c);
  }

  /**
   * An ISO-8601 date-time with an offset.
   *
   * @throws DateTimeException when the text is not one
   */
  static Instant parse(String text) {
    if (text.length() == LENGTH
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(19) == '.'
        && text.charAt(23) == 'Z') {
      int year = number(text, 0, 4);
      int month = number(text, 5, 2);
      int day = number(text, 8, 2);
      int hour = number(text, 11, 2);
      int minute = number(text, 14, 2);
      int second = number(text, 17, 2);
      int millis = number(text, 20, 3);
      if (year >= 0
          && month >= 0
          && day >= 0
          && hour >= 0
          && minute >= 0
          && second >= 0
          && millis >= 0) {
        try {
          return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
              .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
          // out of range (month 13, 30 February...): the general parser says so below
        }
      }
    }
    return OffsetDateTime.parse(text).toInstant();
  }

  private static void digits(char[] target, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      target[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The decimal number of {@code width} ASCII digits at {@code at}, or -1. */
  private static int number(String text, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}

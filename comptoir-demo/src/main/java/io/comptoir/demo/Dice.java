package io.comptoir.demo;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * The seeded source of randomness of one generated file: a French DataFaker and small helpers over
 * its random stream. Each file gets its own, so any file can be generated alone and always gives
 * the same bytes.
 */
final class Dice {
  /** The seed of every generated file. */
  static final long SEED = 42;

  private final Faker faker;

  Dice() {
    this.faker = new Faker(Locale.FRANCE, new Random(SEED));
  }

  Faker faker() {
    return faker;
  }

  /** Uniform in [0, bound). */
  int nextInt(int bound) {
    return faker.random().nextInt(bound);
  }

  /** Uniform in [min, max], both included. */
  int between(int min, int max) {
    return faker.random().nextInt(min, max);
  }

  double nextDouble() {
    return faker.random().nextDouble();
  }

  /** True with the given probability. */
  boolean chance(double probability) {
    return faker.random().nextDouble() < probability;
  }

  <T> T pick(List<T> values) {
    return values.get(nextInt(values.size()));
  }

  /**
   * Picks a value by weight: {@code weighted(List.of("a", "b"), 3, 1)} returns "a" 3 times in 4.
   */
  <T> T weighted(List<T> values, int... weights) {
    requireNonNull(values, "values is null");
    if (values.size() != weights.length) {
      throw new IllegalArgumentException(
          values.size() + " values but " + weights.length + " weights");
    }
    int total = 0;
    for (int weight : weights) {
      total += weight;
    }
    int draw = nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      draw -= weights[i];
      if (draw < 0) {
        return values.get(i);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** A date uniform in [from, to], both included. */
  LocalDate date(LocalDate from, LocalDate to) {
    long days = ChronoUnit.DAYS.between(from, to);
    return from.plusDays(faker.random().nextLong(days + 1));
  }

  /** A time of day between the two hours (from included, to excluded), to the second. */
  LocalDateTime at(LocalDate day, int fromHour, int toHour) {
    return day.atStartOfDay().plusSeconds(fromHour * 3600L + nextInt((toHour - fromHour) * 3600));
  }

  /** A street address such as {@code 12 Rue de Rivoli}, numbered from 1. */
  String streetAddress() {
    String street = faker.address().streetName().replace("Allée, Voie", "Allée");
    return between(1, 180) + " " + street;
  }

  /** A French mobile number such as {@code 06 12 34 56 78}. */
  String mobilePhone() {
    StringBuilder phone = new StringBuilder(14).append('0').append(chance(0.8) ? 6 : 7);
    for (int i = 0; i < 4; i++) {
      int pair = nextInt(100);
      phone.append(' ').append(pair < 10 ? "0" : "").append(pair);
    }
    return phone.toString();
  }
}

package io.comptoir.demo;

import static java.util.Objects.requireNonNull;

import io.comptoir.demo.PostalCodes.PostalCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Post offices (JSON lines) and their daily mail volumes (tab-separated). */
final class NetworkFiles {
  static final int POST_OFFICES = 1_800;
  static final int MEASURED_OFFICES = 100;
  static final int VOLUME_YEAR = 2024;

  static final String BUREAU = "BUREAU_DE_POSTE";
  static final String AGENCE = "AGENCE_POSTALE_COMMUNALE";
  static final String RELAIS = "RELAIS_POSTE_COMMERCANT";

  private static final List<String> DISTRICTS =
      List.of(
          "Centre",
          "Gare",
          "République",
          "Hôtel de Ville",
          "Principal",
          "Saint-Michel",
          "Les Halles",
          "Liberté",
          "Jean Jaurès",
          "Victor Hugo",
          "Marché",
          "Pasteur");
  private static final List<String> SHOPS =
      List.of("Tabac Presse", "Supérette", "Boulangerie", "Librairie", "Bar Tabac", "Épicerie");

  /** The French public holidays of 2024 that fall on a working day: no mail is measured. */
  static final Set<LocalDate> HOLIDAYS =
      Set.of(
          LocalDate.of(2024, 1, 1),
          LocalDate.of(2024, 4, 1),
          LocalDate.of(2024, 5, 1),
          LocalDate.of(2024, 5, 8),
          LocalDate.of(2024, 5, 9),
          LocalDate.of(2024, 5, 20),
          LocalDate.of(2024, 8, 15),
          LocalDate.of(2024, 11, 1),
          LocalDate.of(2024, 11, 11),
          LocalDate.of(2024, 12, 25));

  private NetworkFiles() {}

  /** A point of contact, as written in bureaux-de-poste. */
  record Office(
      String code,
      String label,
      String type,
      String address,
      PostalCode place,
      double latitude,
      double longitude,
      long counters,
      boolean franking,
      boolean cashMachine,
      boolean accessible,
      String openingHours,
      LocalDate opened) {
    Office {
      requireNonNull(code, "code is null");
      requireNonNull(place, "place is null");
    }
  }

  /** Every point of contact, in code order. Deterministic. */
  static List<Office> offices() {
    Dice dice = new Dice();
    List<PostalCode> places = PostalCodes.withCoordinates();
    Set<String> labels = new HashSet<>();
    List<Office> offices = new ArrayList<>(POST_OFFICES);
    for (int i = 0; i < POST_OFFICES; i++) {
      String type = dice.weighted(List.of(BUREAU, AGENCE, RELAIS), 45, 30, 25);
      PostalCode place = dice.pick(places);
      String town = People.titleCase(place.deliveryLabel());
      String label =
          switch (type) {
            case BUREAU -> town;
            case AGENCE -> "Agence postale communale de " + People.titleCase(place.commune());
            default -> "Relais poste " + dice.pick(SHOPS) + " " + dice.faker().name().lastName();
          };
      while (!labels.add(label)) {
        label = label + " " + dice.pick(DISTRICTS);
      }
      String hours =
          switch (type) {
            case BUREAU ->
                dice.pick(
                    List.of(
                        "Lun-Ven 09:00-12:00 14:00-17:30 ; Sam 09:00-12:00",
                        "Lun-Ven 08:30-18:30 ; Sam 08:30-12:30",
                        "Lun-Ven 09:00-12:30 14:00-17:00 ; Sam 09:00-12:00",
                        "Mar-Ven 09:30-12:00 14:00-17:00 ; Sam 09:00-12:00"));
            case AGENCE ->
                dice.pick(
                    List.of(
                        "Lun, Mar, Jeu 09:00-12:00",
                        "Lun-Ven 14:00-17:00",
                        "Mar, Ven 09:00-12:00 ; Sam 10:00-12:00"));
            default -> dice.pick(List.of("Lun-Sam 07:30-19:30", "Mar-Dim 07:00-13:00"));
          };
      LocalDate opened =
          switch (type) {
            case BUREAU -> dice.date(LocalDate.of(1950, 1, 1), LocalDate.of(2000, 12, 31));
            case AGENCE -> dice.date(LocalDate.of(1995, 1, 1), LocalDate.of(2024, 12, 31));
            default -> dice.date(LocalDate.of(2005, 1, 1), LocalDate.of(2024, 12, 31));
          };
      offices.add(
          new Office(
              String.format(Locale.ROOT, "%06d", 100_000 + i * 37),
              label,
              type,
              dice.streetAddress(),
              place,
              place.latitudeValue() + (dice.nextDouble() - 0.5) * 0.02,
              place.longitudeValue() + (dice.nextDouble() - 0.5) * 0.02,
              BUREAU.equals(type) ? dice.between(1, 8) : 1,
              BUREAU.equals(type) && dice.chance(0.7),
              BUREAU.equals(type) && dice.chance(0.6),
              dice.chance(0.8),
              hours,
              opened));
    }
    return List.copyOf(offices);
  }

  static long writePostOffices(Path target) {
    try (TextTable table =
        TextTable.jsonLines(target, DemoCatalog.columnNames(DemoCatalog.POST_OFFICES))) {
      for (Office office : offices()) {
        table.row(
            office.code(),
            office.label(),
            office.type(),
            office.address(),
            office.place().postcode(),
            office.place().deliveryLabel(),
            office.place().inseeCode(),
            office.latitude(),
            office.longitude(),
            office.counters(),
            office.franking(),
            office.cashMachine(),
            office.accessible(),
            office.openingHours(),
            office.opened());
      }
      return table.rows();
    }
  }

  static long writeMailVolumes(Path target) {
    List<Office> measured =
        offices().stream().filter(o -> BUREAU.equals(o.type())).limit(MEASURED_OFFICES).toList();
    Dice dice = new Dice();
    double[] size = new double[measured.size()];
    for (int i = 0; i < size.length; i++) {
      size[i] = 0.3 + 2.7 * Math.pow(dice.nextDouble(), 2) * measured.get(i).counters() / 4.0;
    }
    try (TextTable table =
        TextTable.csv(
            target,
            DemoCatalog.columnNames(DemoCatalog.MAIL_VOLUMES),
            '\t',
            '.',
            StandardCharsets.UTF_8)) {
      for (LocalDate day = LocalDate.of(VOLUME_YEAR, 1, 1);
          day.getYear() == VOLUME_YEAR;
          day = day.plusDays(1)) {
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY || HOLIDAYS.contains(day)) {
          continue;
        }
        double weekday =
            switch (day.getDayOfWeek()) {
              case MONDAY -> 1.25;
              case SATURDAY -> 0.45;
              default -> 1.0;
            };
        double season = day.getMonthValue() == 12 ? 1.35 : day.getMonthValue() == 8 ? 0.7 : 1.0;
        for (int i = 0; i < measured.size(); i++) {
          double scale = size[i] * weekday;
          double noise = 0.85 + 0.3 * dice.nextDouble();
          long green = Math.round(2_400 * scale * noise);
          long tracked = Math.round(380 * scale * (0.8 + 0.4 * dice.nextDouble()));
          long registered = Math.round(150 * scale * (0.8 + 0.4 * dice.nextDouble()));
          long advertising = Math.round(3_100 * scale * season * (0.6 + 0.8 * dice.nextDouble()));
          long parcels = Math.round(210 * scale * season * (0.8 + 0.4 * dice.nextDouble()));
          long delivered =
              Math.round(
                  (green + tracked + registered + advertising) * (0.9 + 0.2 * dice.nextDouble()));
          double onTime = Math.min(1.0, 0.93 + 0.06 * dice.nextDouble() - (season > 1 ? 0.03 : 0));
          table.row(
              day,
              measured.get(i).code(),
              green,
              tracked,
              registered,
              advertising,
              parcels,
              delivered,
              Math.round(onTime * 10_000) / 10_000.0);
        }
      }
      return table.rows();
    }
  }
}

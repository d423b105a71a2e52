package io.comptoir.demo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Borrower insurance contracts, CSV in ISO-8859-1. */
final class InsuranceFiles {
  static final int CONTRACTS = 8_000;

  private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);

  private InsuranceFiles() {}

  static long writeContracts(Path target) {
    Dice dice = new Dice();
    try (TextTable table =
        TextTable.csv(
            target,
            DemoCatalog.columnNames(DemoCatalog.INSURANCE_CONTRACTS),
            ',',
            '.',
            StandardCharsets.ISO_8859_1)) {
      for (int number = 1; number <= CONTRACTS; number++) {
        String product =
            dice.weighted(
                List.of(
                    "Assurance emprunteur immobilier",
                    "Assurance emprunteur crédit à la consommation",
                    "Prévoyance décès",
                    "Garantie obsèques"),
                60,
                15,
                15,
                10);
        LocalDate start = dice.date(LocalDate.of(2008, 1, 1), LocalDate.of(2025, 6, 1));
        int years =
            switch (product) {
              case "Assurance emprunteur immobilier" -> dice.pick(List.of(15, 20, 25));
              case "Assurance emprunteur crédit à la consommation" -> dice.between(2, 7);
              case "Prévoyance décès" -> dice.pick(List.of(10, 20));
              default -> 30;
            };
        LocalDate end = start.plusYears(years);
        long capitalEuros =
            switch (product) {
              case "Assurance emprunteur immobilier" -> 60_000 + 1_000L * dice.nextInt(390);
              case "Assurance emprunteur crédit à la consommation" -> 1_000L * dice.between(3, 40);
              case "Prévoyance décès" -> 10_000L * dice.between(2, 30);
              default -> 500L * dice.between(6, 16);
            };
        double share =
            product.startsWith("Assurance emprunteur immobilier") && dice.chance(0.55) ? 50 : 100;
        boolean smoker = dice.chance(0.22);
        boolean loaded = dice.chance(0.09);
        double yearlyRate = (smoker ? 0.0042 : 0.0028) * (loaded ? 1.5 : 1.0);
        BigDecimal premium =
            BankFiles.euros(capitalEuros * share / 100 * yearlyRate / 12 + dice.nextDouble());
        String status;
        if (end.isBefore(TODAY)) {
          status = "ECHU";
        } else {
          status = dice.weighted(List.of("EN_COURS", "RESILIE", "SINISTRE"), 90, 8, 2);
        }
        table.row(
            String.format(Locale.ROOT, "CNP-%d-%07d", start.getYear(), number),
            People.customerId(dice.between(1, CustomerFiles.CUSTOMERS)),
            product,
            start,
            end,
            BigDecimal.valueOf(capitalEuros * 100, 2),
            share,
            premium,
            smoker,
            loaded,
            status,
            dice.weighted(
                List.of("Réseau La Banque Postale", "Courtier partenaire", "Vente en ligne"),
                75,
                15,
                10));
      }
      return table.rows();
    }
  }
}

package io.comptoir.demo;

import static java.util.Objects.requireNonNull;

import io.comptoir.demo.TextTable.Formatted;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Bank accounts and their transactions, French CSV style (';' and decimal comma). */
final class BankFiles {
  static final int TRANSACTIONS = 60_000;
  static final String BIC = "PSSTFRPPXXX";

  private static final DateTimeFormatter FRENCH =
      DateTimeFormatter.ofPattern(DemoCatalog.FRENCH_DATE, Locale.ROOT);
  private static final List<String> BRANCHES =
      List.of("00001", "01005", "01008", "01012", "01016", "01018", "01019", "01021", "01023");

  private BankFiles() {}

  /** A bank account, as written in comptes-bancaires. */
  record Account(
      String iban,
      String customer,
      String type,
      LocalDate opened,
      BigDecimal balance,
      BigDecimal overdraft,
      String status,
      String branch) {
    Account {
      requireNonNull(iban, "iban is null");
      requireNonNull(type, "type is null");
    }
  }

  /** Every account, customer by customer. Deterministic. */
  static List<Account> accounts() {
    Dice dice = new Dice();
    List<Account> accounts = new ArrayList<>();
    long number = 0;
    for (int customer = 1; customer <= CustomerFiles.CUSTOMERS; customer++) {
      if (!dice.chance(0.45)) {
        continue;
      }
      String branch = dice.pick(BRANCHES);
      LocalDate first = dice.date(LocalDate.of(1985, 1, 1), LocalDate.of(2025, 5, 31));
      List<String> types = new ArrayList<>(List.of("COMPTE_COURANT"));
      if (dice.chance(0.7)) {
        types.add("LIVRET_A");
      }
      if (dice.chance(0.25)) {
        types.add("LDDS");
      }
      if (dice.chance(0.08)) {
        types.add("LEP");
      }
      if (dice.chance(0.1)) {
        types.add("PEL");
      }
      for (String type : types) {
        number++;
        String account =
            String.format(Locale.ROOT, "%010d%d", 1_234_567L + number * 7_919L, number % 10);
        LocalDate opened =
            type.equals("COMPTE_COURANT") ? first : dice.date(first, LocalDate.of(2025, 6, 30));
        boolean current = type.equals("COMPTE_COURANT");
        double draw = dice.nextDouble();
        BigDecimal balance =
            current
                ? BigDecimal.valueOf(Math.round((-800 + 6_000 * draw * draw) * 100), 2)
                : BigDecimal.valueOf(Math.round(25_000 * draw * draw * 100), 2);
        BigDecimal overdraft =
            current
                ? BigDecimal.valueOf(dice.pick(List.of(0, 200, 400, 800, 1_500)) * 100L, 2)
                : new BigDecimal("0.00");
        accounts.add(
            new Account(
                FrenchIban.of(FrenchIban.BANK_CODE, branch, account),
                People.customerId(customer),
                type,
                opened,
                balance,
                overdraft,
                dice.weighted(List.of("OUVERT", "BLOQUE", "CLOTURE"), 95, 1, 4),
                branch));
      }
    }
    return List.copyOf(accounts);
  }

  static long writeAccounts(Path target) {
    try (TextTable table =
        TextTable.csv(
            target,
            DemoCatalog.columnNames(DemoCatalog.BANK_ACCOUNTS),
            ';',
            ',',
            StandardCharsets.UTF_8)) {
      for (Account account : accounts()) {
        table.row(
            account.iban(),
            BIC,
            account.customer(),
            account.type(),
            account.opened(),
            account.balance(),
            account.overdraft(),
            account.status(),
            account.branch());
      }
      return table.rows();
    }
  }

  private record Merchant(String label, String category, int minCents, int maxCents) {}

  private static final List<Merchant> CARD =
      List.of(
          new Merchant("CARREFOUR MARKET", "Alimentation", 300, 15_000),
          new Merchant("E.LECLERC", "Alimentation", 500, 22_000),
          new Merchant("INTERMARCHE", "Alimentation", 400, 12_000),
          new Merchant("LIDL", "Alimentation", 300, 9_000),
          new Merchant("BOULANGERIE", "Alimentation", 120, 1_800),
          new Merchant("PHARMACIE", "Santé", 300, 6_000),
          new Merchant("SNCF CONNECT", "Transport", 1_500, 18_000),
          new Merchant("TOTALENERGIES", "Transport", 2_000, 9_000),
          new Merchant("AMAZON EU", "Achats en ligne", 800, 20_000),
          new Merchant("FNAC", "Loisirs", 1_000, 40_000),
          new Merchant("DECATHLON", "Loisirs", 800, 25_000),
          new Merchant("RESTAURANT", "Restauration", 1_200, 9_000));
  private static final List<Merchant> DIRECT_DEBIT =
      List.of(
          new Merchant("EDF", "Énergie", 4_000, 25_000),
          new Merchant("ORANGE", "Télécom", 1_500, 7_000),
          new Merchant("FREE MOBILE", "Télécom", 200, 2_000),
          new Merchant("MAIF", "Assurance", 3_000, 12_000),
          new Merchant("DGFIP IMPOT", "Impôts", 5_000, 60_000),
          new Merchant("SCI LOYER", "Logement", 45_000, 120_000),
          new Merchant("NAVIGO", "Transport", 8_640, 8_640));

  static long writeTransactions(Path target) {
    List<Account> current =
        accounts().stream().filter(a -> a.type().equals("COMPTE_COURANT")).toList();
    Dice dice = new Dice();
    record Operation(
        LocalDate date,
        String iban,
        String label,
        BigDecimal amount,
        String means,
        String category,
        LocalDate value) {}
    List<Operation> operations = new ArrayList<>(TRANSACTIONS);
    for (int i = 0; i < TRANSACTIONS; i++) {
      Account account = dice.pick(current);
      LocalDate date = dice.date(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
      String means =
          dice.weighted(
              List.of("CARTE", "PRELEVEMENT", "VIREMENT", "RETRAIT", "CHEQUE", "DEPOT"),
              55,
              15,
              14,
              10,
              3,
              3);
      String label;
      String category;
      long cents;
      switch (means) {
        case "CARTE" -> {
          Merchant merchant = dice.pick(CARD);
          label =
              "CB " + merchant.label() + " " + date.format(DateTimeFormatter.ofPattern("dd/MM"));
          category = merchant.category();
          cents = -dice.between(merchant.minCents(), merchant.maxCents());
        }
        case "PRELEVEMENT" -> {
          Merchant merchant = dice.pick(DIRECT_DEBIT);
          label = "PRLV SEPA " + merchant.label();
          category = merchant.category();
          cents = -dice.between(merchant.minCents(), merchant.maxCents());
        }
        case "VIREMENT" -> {
          String person =
              People.upperAscii(
                  dice.pick(dice.chance(0.5) ? People.FEMALE_FIRST_NAMES : People.MALE_FIRST_NAMES)
                      + " "
                      + dice.faker().name().lastName());
          if (dice.chance(0.35)) {
            label = "VIR SEPA SALAIRE " + People.upperAscii(dice.faker().company().name());
            category = "Salaire";
            cents = dice.between(140_000, 420_000);
          } else if (dice.chance(0.5)) {
            label = "VIR SEPA DE " + person;
            category = "Virement reçu";
            cents = dice.between(1_000, 50_000);
          } else {
            label = "VIR SEPA VERS " + person;
            category = "Virement émis";
            cents = -dice.between(1_000, 80_000);
          }
        }
        case "RETRAIT" -> {
          label = "RETRAIT DAB " + dice.pick(PostalCodes.all()).deliveryLabel();
          category = "Retrait espèces";
          cents = -dice.between(2, 30) * 1_000L;
        }
        case "CHEQUE" -> {
          label = String.format(Locale.ROOT, "CHEQUE %07d", dice.nextInt(10_000_000));
          category = "Chèque";
          cents = -dice.between(1_500, 60_000);
        }
        default -> {
          label = "VERSEMENT ESPECES";
          category = "Dépôt";
          cents = dice.between(2_000, 100_000);
        }
      }
      operations.add(
          new Operation(
              date,
              account.iban(),
              label,
              BigDecimal.valueOf(cents, 2),
              means,
              category,
              date.plusDays(means.equals("CARTE") ? dice.between(0, 2) : 0)));
    }
    operations.sort(Comparator.comparing(Operation::date).thenComparing(Operation::iban));
    try (TextTable table =
        TextTable.csv(
            target,
            DemoCatalog.columnNames(DemoCatalog.BANK_TRANSACTIONS),
            ';',
            ',',
            StandardCharsets.UTF_8)) {
      long number = 0;
      for (Operation operation : operations) {
        number++;
        table.row(
            String.format(Locale.ROOT, "OP2024%09d", number),
            operation.iban(),
            Formatted.date(operation.date(), FRENCH),
            Formatted.date(operation.value(), FRENCH),
            operation.label(),
            operation.amount(),
            operation.amount().signum() < 0 ? "DEBIT" : "CREDIT",
            operation.means(),
            operation.category());
      }
      return table.rows();
    }
  }

  static BigDecimal euros(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }
}

package io.comptoir.demo;

import io.comptoir.demo.PostalCodes.PostalCode;
import io.comptoir.demo.TextTable.Formatted;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Customers, complaints and digital identity accounts (DataFaker, French locale, seed 42). */
final class CustomerFiles {
  static final int CUSTOMERS = 20_000;
  static final int COMPLAINTS = 5_000;
  static final int DIGITAL_IDENTITIES = 6_000;
  static final Charset CUSTOMERS_CHARSET = Charset.forName("windows-1252");

  private static final DateTimeFormatter FRENCH =
      DateTimeFormatter.ofPattern(DemoCatalog.FRENCH_DATE, Locale.ROOT);
  private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);
  private static final List<String> MAIL_DOMAINS =
      List.of(
          "gmail.com",
          "orange.fr",
          "laposte.net",
          "free.fr",
          "sfr.fr",
          "hotmail.fr",
          "yahoo.fr",
          "wanadoo.fr",
          "outlook.fr",
          "icloud.com");

  private CustomerFiles() {}

  static long writeCustomers(Path target) {
    Dice dice = new Dice();
    List<PostalCode> postcodes = PostalCodes.all();
    Set<String> emails = new HashSet<>();
    try (TextTable table =
        TextTable.csv(
            target, DemoCatalog.columnNames(DemoCatalog.CUSTOMERS), ';', '.', CUSTOMERS_CHARSET)) {
      for (int number = 1; number <= CUSTOMERS; number++) {
        boolean female = dice.chance(0.52);
        String firstName = dice.pick(female ? People.FEMALE_FIRST_NAMES : People.MALE_FIRST_NAMES);
        String lastName = dice.faker().name().lastName();
        String local = People.asciiSlug(firstName) + "." + People.asciiSlug(lastName);
        String domain = dice.pick(MAIL_DOMAINS);
        String email = local + "@" + domain;
        while (!emails.add(email)) {
          email = local + dice.between(1, 999) + "@" + domain;
        }
        PostalCode home = dice.pick(postcodes);
        LocalDate birth = dice.date(LocalDate.of(1935, 1, 1), LocalDate.of(2007, 6, 30));
        LocalDate adult = birth.plusYears(18);
        LocalDate signup =
            dice.date(
                adult.isAfter(LocalDate.of(2005, 1, 1)) ? adult : LocalDate.of(2005, 1, 1), TODAY);
        int age = birth.until(TODAY).getYears();
        String segment =
            age < 25
                ? dice.weighted(List.of("Étudiant", "Jeune actif"), 3, 2)
                : age < 62
                    ? dice.weighted(List.of("Jeune actif", "Famille", "Indépendant"), 2, 6, 1)
                    : "Senior";
        table.row(
            People.customerId(number),
            female ? "Mme" : "M.",
            firstName,
            lastName,
            email,
            dice.mobilePhone(),
            dice.streetAddress(),
            home.postcode(),
            home.deliveryLabel(),
            Formatted.date(birth, FRENCH),
            Formatted.date(signup, FRENCH),
            segment,
            dice.weighted(
                List.of("Bureau de poste", "laposte.fr", "Application mobile", "Facteur"),
                5,
                3,
                3,
                1),
            dice.chance(0.38));
      }
      return table.rows();
    }
  }

  private static final List<String> MOTIVES =
      List.of(
          "Colis non reçu",
          "Retard de livraison",
          "Colis endommagé",
          "Avis de passage injustifié",
          "Recommandé non distribué",
          "Erreur de distribution",
          "Accueil en bureau de poste");

  static long writeComplaints(Path target) {
    Dice dice = new Dice();
    List<PostalCode> postcodes = PostalCodes.all();
    try (TextTable table =
        TextTable.csv(
            target,
            DemoCatalog.columnNames(DemoCatalog.COMPLAINTS),
            ',',
            '.',
            StandardCharsets.UTF_8)) {
      for (int number = 1; number <= COMPLAINTS; number++) {
        int motive = dice.weighted(List.of(0, 1, 2, 3, 4, 5, 6), 22, 25, 12, 14, 8, 11, 8);
        boolean aboutParcel = motive <= 3;
        String tracking =
            aboutParcel ? ParcelFiles.trackingNumber(dice.nextInt(ParcelFiles.PARCELS)) : null;
        LocalDateTime received =
            dice.at(dice.date(LocalDate.of(2025, 1, 6), LocalDate.of(2025, 6, 27)), 7, 22);
        String status = dice.weighted(List.of("CLOSE", "EN_COURS", "OUVERTE"), 80, 12, 8);
        LocalDate closed =
            "CLOSE".equals(status) ? received.toLocalDate().plusDays(dice.between(1, 21)) : null;
        Long satisfaction = closed != null && dice.chance(0.45) ? (long) dice.between(1, 5) : null;
        BigDecimal indemnity =
            closed != null && aboutParcel && dice.chance(0.3)
                ? BigDecimal.valueOf(dice.between(500, 25_000), 2)
                : new BigDecimal("0.00");
        table.row(
            String.format(Locale.ROOT, "REC-2025-%06d", number),
            People.customerId(dice.between(1, CUSTOMERS)),
            received,
            dice.weighted(
                List.of(
                    "Téléphone 3631",
                    "Formulaire laposte.fr",
                    "Bureau de poste",
                    "Courrier",
                    "Réseaux sociaux"),
                35,
                40,
                12,
                8,
                5),
            MOTIVES.get(motive),
            tracking,
            complaintText(dice, motive, tracking, dice.pick(postcodes)),
            status,
            closed,
            satisfaction,
            indemnity);
      }
      return table.rows();
    }
  }

  private static String complaintText(Dice dice, int motive, String tracking, PostalCode place) {
    String neighbour = dice.faker().name().lastName();
    String town = People.titleCase(place.deliveryLabel());
    String street = dice.streetAddress();
    return switch (motive) {
      case 0 ->
          dice.pick(
              List.of(
                  "Bonjour, mon colis "
                      + tracking
                      + " est indiqué « livré » mais je n'ai rien"
                      + " reçu. Pouvez-vous ouvrir une enquête ?",
                  "Colis "
                      + tracking
                      + " introuvable depuis 10 jours, le suivi ne bouge plus."
                      + " Merci de me rappeler.",
                  "Le suivi dit \"remis au destinataire\" alors que personne n'était au "
                      + street
                      + ", "
                      + place.postcode()
                      + " "
                      + town
                      + "."));
      case 1 ->
          dice.pick(
              List.of(
                  "Mon colis "
                      + tracking
                      + " devait arriver en 48 h, cela fait une semaine."
                      + " C'était un cadeau d'anniversaire.",
                  "Retard de livraison du colis "
                      + tracking
                      + ", aucune information sur le"
                      + " site. Je souhaite être remboursé des frais de port."));
      case 2 ->
          "Colis "
              + tracking
              + " reçu abîmé : carton \"éventré\", un article cassé. Photos"
              + " jointes au formulaire.";
      case 3 ->
          dice.pick(
              List.of(
                  "Avis de passage déposé pour le colis "
                      + tracking
                      + " alors que j'étais chez"
                      + " moi toute la journée, interphone en état de marche.",
                  "Le livreur n'a pas sonné, avis de passage pour "
                      + tracking
                      + ", je dois aller"
                      + " au bureau de poste de "
                      + town
                      + " aux heures de travail."));
      case 4 ->
          "Ma lettre recommandée envoyée à M. "
              + neighbour
              + " n'a jamais été distribuée,"
              + " l'accusé de réception n'est pas revenu.";
      case 5 ->
          "Mon courrier est distribué chez mon voisin, M. "
              + neighbour
              + ", au "
              + street
              + " à "
              + town
              + ". Cela arrive chaque semaine.";
      default ->
          "Attente de "
              + dice.between(20, 75)
              + " minutes au bureau de poste de "
              + town
              + ", un seul guichet ouvert sur "
              + dice.between(3, 6)
              + ".";
    };
  }

  static long writeDigitalIdentities(Path target) {
    Dice dice = new Dice();
    try (TextTable table =
        TextTable.jsonLines(target, DemoCatalog.columnNames(DemoCatalog.DIGITAL_IDENTITIES))) {
      for (int i = 0; i < DIGITAL_IDENTITIES; i++) {
        // a stride coprime with CUSTOMERS gives distinct customers
        int customer = (int) ((i * 7_919L) % CUSTOMERS) + 1;
        UUID id =
            new UUID(
                (dice.faker().random().nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x4000L,
                (dice.faker().random().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        LocalDateTime created =
            dice.at(dice.date(LocalDate.of(2019, 3, 1), LocalDate.of(2025, 6, 15)), 6, 23);
        boolean active = dice.chance(0.93);
        boolean used = dice.chance(0.85);
        LocalDateTime last =
            used ? dice.at(dice.date(created.toLocalDate().plusDays(1), TODAY), 6, 24) : null;
        long logins =
            used && last.toLocalDate().isAfter(TODAY.minusDays(30)) ? dice.between(1, 40) : 0;
        table.row(
            id.toString(),
            People.customerId(customer),
            created,
            dice.weighted(List.of("SUBSTANTIEL", "ELEVE"), 7, 3),
            dice.weighted(List.of("BUREAU_DE_POSTE", "FACTEUR", "EN_LIGNE_NFC"), 5, 2, 4),
            dice.weighted(List.of("CNI", "PASSEPORT", "TITRE_SEJOUR"), 14, 5, 1),
            dice.weighted(List.of("ANDROID", "IOS"), 6, 4),
            last,
            logins,
            active);
      }
      return table.rows();
    }
  }
}

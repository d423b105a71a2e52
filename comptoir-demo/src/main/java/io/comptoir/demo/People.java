package io.comptoir.demo;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** French first names by civility and small text helpers for fictitious people. */
final class People {
  static final List<String> FEMALE_FIRST_NAMES =
      List.of(
          "Marie",
          "Camille",
          "Léa",
          "Manon",
          "Chloé",
          "Inès",
          "Sarah",
          "Jade",
          "Louise",
          "Emma",
          "Juliette",
          "Clémence",
          "Anaïs",
          "Océane",
          "Mathilde",
          "Pauline",
          "Noémie",
          "Élodie",
          "Isabelle",
          "Nathalie",
          "Sylvie",
          "Catherine",
          "Françoise",
          "Monique",
          "Christine",
          "Sophie",
          "Céline",
          "Aurélie",
          "Hélène",
          "Agnès",
          "Brigitte",
          "Josiane",
          "Zoé",
          "Maëlys",
          "Léna",
          "Romane",
          "Margaux",
          "Gaëlle",
          "Yasmine",
          "Fatima");
  static final List<String> MALE_FIRST_NAMES =
      List.of(
          "Jean",
          "Pierre",
          "Michel",
          "Philippe",
          "Alain",
          "Nicolas",
          "Thomas",
          "Julien",
          "Stéphane",
          "Christophe",
          "Laurent",
          "Sébastien",
          "David",
          "Olivier",
          "François",
          "Frédéric",
          "Éric",
          "Patrick",
          "Bernard",
          "Gérard",
          "Hugo",
          "Lucas",
          "Théo",
          "Louis",
          "Gabriel",
          "Raphaël",
          "Arthur",
          "Jules",
          "Maxime",
          "Antoine",
          "Clément",
          "Benoît",
          "Jérôme",
          "Loïc",
          "Yannick",
          "Mehdi",
          "Karim",
          "Mathéo",
          "Noé",
          "Hervé");

  private static final Pattern MARKS = Pattern.compile("\\p{M}");
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
  private static final Pattern EDGE_DASHES = Pattern.compile("^-+|-+$");

  private People() {}

  /** Lowercase ASCII for e-mail local parts: "Lefèvre" becomes "lefevre", "Le gall" "le-gall". */
  static String asciiSlug(String text) {
    String plain =
        MARKS
            .matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
            .replaceAll("")
            .toLowerCase(Locale.ROOT)
            .replace("œ", "oe");
    return EDGE_DASHES.matcher(NOT_ALPHANUMERIC.matcher(plain).replaceAll("-")).replaceAll("");
  }

  /** "LE GALL" style capitals without accents, as on bank statements. */
  static String upperAscii(String text) {
    return MARKS
        .matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
        .replaceAll("")
        .replace("œ", "oe")
        .toUpperCase(Locale.ROOT);
  }

  /** "SAINT ETIENNE" becomes "Saint Etienne". */
  static String titleCase(String upper) {
    StringBuilder out = new StringBuilder(upper.length());
    boolean start = true;
    for (int i = 0; i < upper.length(); i++) {
      char c = upper.charAt(i);
      out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
      start = c == ' ' || c == '-' || c == '\'';
    }
    return out.toString();
  }

  /** "C0000042": the customer id of a 1-based customer number. */
  static String customerId(int number) {
    String digits = Integer.toString(number);
    return "C" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
  }
}

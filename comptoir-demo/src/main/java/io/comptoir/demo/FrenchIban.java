package io.comptoir.demo;

import java.math.BigInteger;
import java.util.Locale;

/** Builds valid French IBANs (RIB key and ISO 13616 check digits) from bank account parts. */
final class FrenchIban {
  /** The bank code of La Banque Postale. */
  static final String BANK_CODE = "20041";

  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private FrenchIban() {}

  /**
   * @param branch the 5-digit branch (guichet) code
   * @param account the 11-character account number, digits here
   */
  static String of(String bank, String branch, String account) {
    if (bank.length() != 5 || branch.length() != 5 || account.length() != 11) {
      throw new IllegalArgumentException(
          "bank, branch and account need 5, 5 and 11 characters: " + bank + branch + account);
    }
    long key =
        97
            - new BigInteger(bank)
                .multiply(BigInteger.valueOf(89))
                .add(new BigInteger(branch).multiply(BigInteger.valueOf(15)))
                .add(new BigInteger(account).multiply(BigInteger.valueOf(3)))
                .mod(NINETY_SEVEN)
                .longValue();
    String bban = bank + branch + account + String.format(Locale.ROOT, "%02d", key);
    // "FR" is 15 27; the check digits make (bban + "FR00") mod 97 == 1
    long check = 98 - new BigInteger(bban + "152700").mod(NINETY_SEVEN).longValue();
    return "FR" + String.format(Locale.ROOT, "%02d", check) + bban;
  }

  /** Whether an IBAN's check digits are right (ISO 13616 mod 97). */
  static boolean isValid(String iban) {
    String moved = iban.substring(4) + iban.substring(0, 4);
    StringBuilder digits = new StringBuilder();
    for (char c : moved.toCharArray()) {
      if (Character.isDigit(c)) {
        digits.append(c);
      } else {
        digits.append(Character.toUpperCase(c) - 'A' + 10);
      }
    }
    return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }
}

package io.comptoir.catalog;

/** GDPR personal-data category of a column. */
public enum PersonalDataCategory {
  /** Not personal data. */
  NONE,
  /** Direct identifier: name, email, phone, account number. */
  IDENTIFIER,
  /** Indirect identifier: birth date, postcode... */
  QUASI_IDENTIFIER,
  /** Special category data, GDPR article 9. */
  SENSITIVE
}

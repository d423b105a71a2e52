package io.comptoir.contract;

/** The lawful bases for processing of GDPR article 6(1), (a) to (f). */
public enum LegalBasis {
  CONSENT,
  CONTRACT,
  LEGAL_OBLIGATION,
  VITAL_INTERESTS,
  PUBLIC_TASK,
  LEGITIMATE_INTERESTS
}

package io.comptoir.score;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The facts a data score's criterion can give as reasons: a stable code (the API's and the pages'
 * key), the English sentence with its placeholders {@code {0}}, {@code {1}}... and what kind of
 * value each placeholder holds, so that a front end can write it in its reader's language.
 */
public enum ReasonCode {
  DOCUMENTATION_DESCRIPTION("documentation.description", "the product has a description"),
  DOCUMENTATION_NO_DESCRIPTION("documentation.no-description", "the product has no description"),
  DOCUMENTATION_NO_COLUMNS("documentation.no-columns", "no column is known yet"),
  DOCUMENTATION_DESCRIBED(
      "documentation.described",
      "{0} of {1} columns are described",
      Argument.NUMBER,
      Argument.NUMBER),
  DOCUMENTATION_LINKED(
      "documentation.linked",
      "{0} of {1} columns are linked to a glossary term",
      Argument.NUMBER,
      Argument.NUMBER),
  OWNERSHIP_OWNER("ownership.owner", "owner: {0}", Argument.TEXT),
  OWNERSHIP_STEWARD("ownership.steward", "steward: {0}", Argument.TEXT),
  OWNERSHIP_NO_STEWARD("ownership.no-steward", "no steward named"),
  OWNERSHIP_SOURCE("ownership.source", "master source: {0}", Argument.TEXT),
  OWNERSHIP_NO_SOURCE("ownership.no-source", "no master source named"),
  CLASSIFICATION_NO_COLUMNS("classification.no-columns", "no column is known yet"),
  CLASSIFICATION_REVIEWED(
      "classification.reviewed",
      "{0} of {1} columns have a reviewed personal-data category ({2} personal)",
      Argument.NUMBER,
      Argument.NUMBER,
      Argument.NUMBER),
  CLASSIFICATION_PUBLIC_PERSONAL(
      "classification.public-personal",
      "classification PUBLIC contradicts {0} personal columns",
      Argument.NUMBER),
  CLASSIFICATION_SET("classification.set", "classification {0}", Argument.CLASSIFICATION),
  QUALITY_NO_RULES("quality.no-rules", "no quality rules"),
  QUALITY_PASSED(
      "quality.passed",
      "{0} of {1} quality rules passed on version {2}",
      Argument.NUMBER,
      Argument.NUMBER,
      Argument.NUMBER),
  FRESHNESS_NO_VERSION("freshness.no-version", "no version published yet"),
  FRESHNESS_AGAINST_SLA(
      "freshness.against-sla",
      "version {0} is {1} old, against the freshness SLA of {2}",
      Argument.NUMBER,
      Argument.DURATION,
      Argument.DURATION),
  FRESHNESS_AGAINST_DEFAULT(
      "freshness.against-default",
      "version {0} is {1} old, against the default freshness of {2} (no SLA declared)",
      Argument.NUMBER,
      Argument.DURATION,
      Argument.DURATION),
  CONTRACT_VALID("contract.valid", "the ODCS contract is valid"),
  CONTRACT_INVALID("contract.invalid", "the ODCS contract is invalid: {0}", Argument.TEXT),
  CONTRACT_NO_PERSONAL("contract.no-personal", "no personal column to mask"),
  CONTRACT_MASKED("contract.masked", "every personal column has a default masking"),
  CONTRACT_UNMASKED("contract.unmasked", "no default masking applies to {0}", Argument.COLUMN_LIST);

  /** What a placeholder holds. */
  public enum Argument {
    /** Free text (a name, a message), shown as it is. */
    TEXT,
    /** A whole number, in decimal digits. */
    NUMBER,
    /** An ISO-8601 duration, e.g. {@code PT5H}, {@code PT744H}, shown in hours or days. */
    DURATION,
    /** A {@link io.comptoir.catalog.Classification} name. */
    CLASSIFICATION,
    /** Column names separated by ", ". */
    COLUMN_LIST
  }

  private final String code;
  private final String english;
  private final List<Argument> arguments;

  ReasonCode(String code, String english, Argument... arguments) {
    this.code = code;
    this.english = english;
    this.arguments = List.of(arguments);
  }

  /** The stable code, e.g. {@code documentation.described}. */
  public String code() {
    return code;
  }

  /** The English sentence with its placeholders. */
  public String english() {
    return english;
  }

  /** The kind of each placeholder, in order. */
  public List<Argument> arguments() {
    return arguments;
  }

  /** The reason code with this stable code, if any. */
  public static Optional<ReasonCode> find(String code) {
    for (ReasonCode reason : values()) {
      if (reason.code.equals(code == null ? "" : code.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(reason);
      }
    }
    return Optional.empty();
  }
}

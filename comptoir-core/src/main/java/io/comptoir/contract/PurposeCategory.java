package io.comptoir.contract;

/** What the data will be used for; external purposes need legal approval. */
public enum PurposeCategory {
  ANALYTICS(false),
  REPORTING(false),
  OPERATIONS(false),
  DATA_SCIENCE(false),
  REGULATORY(false),
  PARTNER_SHARING(true),
  OPEN_DATA(true);

  private final boolean external;

  PurposeCategory(boolean external) {
    this.external = external;
  }

  /** Whether the data leaves the group. */
  public boolean isExternal() {
    return external;
  }
}

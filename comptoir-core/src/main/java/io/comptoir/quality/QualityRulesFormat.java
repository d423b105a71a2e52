package io.comptoir.quality;

/** Reads and writes the YAML document of a product's quality rules. */
public interface QualityRulesFormat {
  /**
   * Parses a document (YAML; JSON is YAML too). Malformed documents and unknown or wrong keys are
   * INVALID_INPUT errors naming the line and the key. Columns are not checked here.
   */
  QualityRules parse(String document);

  /** Writes rules as a YAML document that {@link #parse} reads back equal. */
  String write(QualityRules rules);
}

package io.comptoir.engine;

import io.comptoir.common.ComptoirException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns source column names into Comptoir column names: accents removed, lower case, anything but
 * letters and digits becomes '_' ("Libellé d'acheminement" becomes "libelle_d_acheminement").
 */
final class ColumnNames {
  private ColumnNames() {}

  static String normalize(String sourceName) {
    String ascii =
        Normalizer.normalize(sourceName.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String name =
        ascii
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]+", "_")
            .replaceAll("_{2,}", "_")
            .replaceAll("^_+|_+$", "");
    if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
      name = "_" + name;
    }
    return name.length() > 128 ? name.substring(0, 128) : name;
  }

  /** Normalizes a header, refusing empty and duplicate names with the positions in error. */
  static List<String> normalizeHeader(List<String> header) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String name = normalize(header.get(i));
      if (name.isEmpty()) {
        throw ComptoirException.invalidInput(
            "column %d of the header has an empty name (header: %s)", i + 1, header);
      }
      if (!seen.add(name)) {
        throw ComptoirException.invalidInput(
            "the header names column '%s' twice (column %d; header: %s)",
            header.get(i), i + 1, header);
      }
      names.add(name);
    }
    return names;
  }
}

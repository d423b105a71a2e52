package io.comptoir.score;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.score.StandingFacts.CertificationLevel;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The certification rules: the checklist, the lowest score each level needs (its floor), and the
 * longest a certification may last.
 */
public record CertificationPolicy(
    List<ChecklistItem> checklist, Map<CertificationLevel, Integer> floors, int maxMonths) {
  public CertificationPolicy {
    checklist = List.copyOf(checklist);
    Set<String> ids = new HashSet<>();
    for (ChecklistItem item : checklist) {
      if (!ids.add(item.id())) {
        throw ComptoirException.invalidInput("checklist item '%s' is listed twice", item.id());
      }
    }
    EnumMap<CertificationLevel, Integer> copy = new EnumMap<>(CertificationLevel.class);
    int previous = -1;
    for (CertificationLevel level : CertificationLevel.values()) {
      Integer floor = requireNonNull(floors, "floors is null").get(level);
      if (floor == null || floor < 0 || floor > 100) {
        throw ComptoirException.invalidInput(
            "certification floor of %s must be 0 to 100, got %s", level, floor);
      }
      if (floor < previous) {
        throw ComptoirException.invalidInput(
            "certification floor of %s (%d) must not be below the lower level's (%d)",
            level, floor, previous);
      }
      previous = floor;
      copy.put(level, floor);
    }
    floors = Map.copyOf(copy);
    if (maxMonths < 1) {
      throw ComptoirException.invalidInput(
          "certification maximum duration must be at least 1 month, got %d", maxMonths);
    }
  }

  public static CertificationPolicy defaults() {
    return new CertificationPolicy(
        List.of(
            ChecklistItem.parse("documentation>=60"),
            ChecklistItem.parse("ownership>=100"),
            ChecklistItem.parse("classification>=100"),
            ChecklistItem.parse("contract>=100"),
            ChecklistItem.parse("support-contact"),
            ChecklistItem.parse("incident-process")),
        Map.of(
            CertificationLevel.BRONZE, 40,
            CertificationLevel.SILVER, 55,
            CertificationLevel.GOLD, 70),
        12);
  }

  public int floor(CertificationLevel level) {
    return floors.get(level);
  }
}

package io.comptoir.audit;

import java.util.Optional;

/**
 * The result of checking the whole chain.
 *
 * @param firstBrokenSequence the first record that does not chain, if any
 * @param problem what is wrong with it
 * @param lastHash the hash of the last record checked: note it somewhere else (an anchor) to detect
 *     later that records were cut from the end, which a chain alone cannot show
 */
public record AuditVerification(
    boolean intact,
    long recordsChecked,
    Optional<Long> firstBrokenSequence,
    Optional<String> problem,
    String lastHash) {
  static AuditVerification ok(long checked, String lastHash) {
    return new AuditVerification(true, checked, Optional.empty(), Optional.empty(), lastHash);
  }

  static AuditVerification broken(long checked, long sequence, String problem, String lastHash) {
    return new AuditVerification(
        false, checked, Optional.of(sequence), Optional.of(problem), lastHash);
  }
}

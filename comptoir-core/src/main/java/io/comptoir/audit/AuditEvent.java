package io.comptoir.audit;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * One record of the append-only audit log. Records form a hash chain: each one's {@code hash} is
 * the SHA-256 of its previous record's hash and of its own fields, so changing, removing or
 * reordering any record breaks every hash after it.
 *
 * @param sequence 1 for the first record, then without gaps
 * @param previousHash the hash of record {@code sequence - 1}; {@link #GENESIS} for the first
 */
public record AuditEvent(
    long sequence, Instant occurredAt, AuditEntry entry, String previousHash, String hash) {

  /** The previous hash of the first record: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  public AuditEvent {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1, got " + sequence);
    }
    requireNonNull(occurredAt, "occurredAt is null");
    requireNonNull(entry, "entry is null");
    requireNonNull(previousHash, "previousHash is null");
    requireNonNull(hash, "hash is null");
  }

  /** The record that follows {@code last} (or starts the log) for this entry. */
  public static AuditEvent next(Optional<AuditEvent> last, AuditEntry entry, Instant at) {
    long sequence = last.map(event -> event.sequence() + 1).orElse(1L);
    String previous = last.map(AuditEvent::hash).orElse(GENESIS);
    Instant millis = Instant.ofEpochMilli(at.toEpochMilli());
    return new AuditEvent(
        sequence, millis, entry, previous, hash(sequence, millis, entry, previous));
  }

  /** Whether the stored hash is the one its fields give. */
  public boolean hashMatches() {
    return hash.equals(hash(sequence, occurredAt, entry, previousHash));
  }

  /**
   * SHA-256 over a length-prefixed encoding of the fields, so that no two different records encode
   * to the same bytes.
   */
  static String hash(long sequence, Instant occurredAt, AuditEntry entry, String previousHash) {
    StringBuilder text = new StringBuilder();
    field(text, previousHash);
    field(text, Long.toString(sequence));
    field(text, Long.toString(occurredAt.toEpochMilli()));
    field(text, entry.actor());
    field(text, entry.action());
    field(text, entry.target());
    for (Map.Entry<String, String> detail : entry.details().entrySet()) {
      field(text, detail.getKey());
      field(text, detail.getValue());
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new ComptoirException(ErrorCode.INTERNAL, "SHA-256 is not available", e);
    }
  }

  private static void field(StringBuilder text, String value) {
    text.append(value.length()).append(':').append(value).append(';');
  }
}

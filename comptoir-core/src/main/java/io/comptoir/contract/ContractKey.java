package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The secret of one contract (32 random bytes): the key of {@link Masking#HASH_KEYED}. Its string
 * form never shows the bytes.
 */
public final class ContractKey {
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private ContractKey(byte[] bytes) {
    this.bytes = bytes;
  }

  public static ContractKey generate(SecureRandom random) {
    requireNonNull(random, "random is null");
    byte[] bytes = new byte[LENGTH];
    random.nextBytes(bytes);
    return new ContractKey(bytes);
  }

  public static ContractKey of(byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    if (bytes.length != LENGTH) {
      throw ComptoirException.invalidInput(
          "a contract key has %d bytes, got %d", LENGTH, bytes.length);
    }
    return new ContractKey(bytes.clone());
  }

  /** A copy of the key bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ContractKey key && MessageDigest.isEqual(bytes, key.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ContractKey[hidden]";
  }
}

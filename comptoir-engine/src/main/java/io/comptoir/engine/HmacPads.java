package io.comptoir.engine;

import io.comptoir.contract.ContractKey;

/**
 * The two pads of HMAC-SHA-256 (RFC 2104) for a contract key: {@code HMAC(K, m) = SHA256((K ⊕ opad)
 * ‖ SHA256((K ⊕ ipad) ‖ m))}, the key zero-padded to the 64-byte block. Computed in Java and bound
 * as parameters so that DuckDB's {@code sha256} over BLOBs computes the HMAC in SQL.
 */
record HmacPads(byte[] inner, byte[] outer) {
  private static final int BLOCK = 64;

  static HmacPads of(ContractKey key) {
    byte[] bytes = key.bytes();
    byte[] inner = new byte[BLOCK];
    byte[] outer = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      byte k = i < bytes.length ? bytes[i] : 0;
      inner[i] = (byte) (k ^ 0x36);
      outer[i] = (byte) (k ^ 0x5c);
    }
    return new HmacPads(inner, outer);
  }

  @Override
  public String toString() {
    return "HmacPads[hidden]";
  }
}

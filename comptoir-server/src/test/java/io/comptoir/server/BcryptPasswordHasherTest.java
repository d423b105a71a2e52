package io.comptoir.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BcryptPasswordHasherTest {
  /** The lowest cost keeps the test fast; the production cost is checked on one hash. */
  private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);

  @Test
  void hashesWithBcrypt2bAtCost12BySalting() {
    String hash = new BcryptPasswordHasher().hash("comptoir-demo");

    assertThat(hash).startsWith("$2b$12$").hasSize(60).doesNotContain("comptoir-demo");
    assertThat(hasher.hash("comptoir-demo")).isNotEqualTo(hasher.hash("comptoir-demo"));
  }

  @Test
  void matchesOnlyTheRightPassword() {
    String hash = hasher.hash("correct horse battery staple");

    assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
    assertThat(hasher.matches("correct horse battery stapl", hash)).isFalse();
    assertThat(hasher.matches("", hash)).isFalse();
  }

  @Test
  void tellsApartPasswordsThatDifferOnlyAfter72Bytes() {
    String prefix = "x".repeat(80);
    String hash = hasher.hash(prefix + "a");

    assertThat(hasher.matches(prefix + "a", hash)).isTrue();
    assertThat(hasher.matches(prefix + "b", hash)).isFalse();
  }

  @Test
  void hashesNonAsciiPasswords() {
    String hash = hasher.hash("mot de passe évident ☕");

    assertThat(hasher.matches("mot de passe évident ☕", hash)).isTrue();
    assertThat(hasher.matches("mot de passe evident ☕", hash)).isFalse();
  }
}

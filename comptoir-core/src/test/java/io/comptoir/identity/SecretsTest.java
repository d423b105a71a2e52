package io.comptoir.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private final Secrets secrets = new Secrets(new SecureRandom());

  @Test
  void recognisesTheTokensItMakes() {
    for (int i = 0; i < 200; i++) {
      String token = secrets.newToken();
      assertThat(Secrets.looksLikeToken(token)).as(token).isTrue();
    }
  }

  @Test
  void refusesWhatIsNotShapedLikeAToken() {
    String body = "A".repeat(42);
    assertThat(Secrets.looksLikeToken("cpt_" + body + "z")).isTrue();
    assertThat(Secrets.looksLikeToken("cpt_" + body + "-")).isTrue();
    assertThat(Secrets.looksLikeToken("cpt_" + body + "_")).isTrue();
    assertThat(Secrets.looksLikeToken(null)).isFalse();
    assertThat(Secrets.looksLikeToken("")).isFalse();
    assertThat(Secrets.looksLikeToken("cpt_" + body)).isFalse(); // one short
    assertThat(Secrets.looksLikeToken("cpt_" + body + "AA")).isFalse(); // one long
    assertThat(Secrets.looksLikeToken("cpx_" + body + "A")).isFalse();
    assertThat(Secrets.looksLikeToken("CPT_" + body + "A")).isFalse();
    for (String bad : new String[] {"+", "/", "=", " ", "é", ".", "\n", "\u0000"}) {
      assertThat(Secrets.looksLikeToken("cpt_" + body + bad)).as(bad).isFalse();
      assertThat(Secrets.looksLikeToken("cpt_" + bad + body)).as(bad).isFalse();
    }
  }
}

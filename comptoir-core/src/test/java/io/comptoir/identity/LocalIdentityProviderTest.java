package io.comptoir.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalIdentityProviderTest {
  private static final Username DENIS = Username.of("denis.dpo");

  private final InMemoryIdentityRepository repository = new InMemoryIdentityRepository();
  private final ReversingHasher hasher = new ReversingHasher();
  private final IdentityService service =
      new IdentityService(
          repository,
          hasher,
          new Secrets(),
          new MutableClock(Instant.parse("2026-01-10T09:00:00Z")),
          90);
  private final LocalIdentityProvider provider = new LocalIdentityProvider(repository, hasher);

  private void denis(AccountStatus status) {
    service.saveUser(new User(DENIS, "Denis", "", "BSCC", Set.of(Role.DPO), status));
    service.setPassword(DENIS, "comptoir-demo");
  }

  @Test
  void authenticatesAnActiveUserWithTheRightPassword() {
    denis(AccountStatus.ACTIVE);

    Principal principal = provider.authenticate("denis.dpo", "comptoir-demo");

    assertThat(principal.user()).isEqualTo(DENIS);
    assertThat(principal.roles()).containsExactly(Role.DPO);
  }

  @Test
  void givesTheSameAnswerForAnUnknownUserAndAWrongPasswordAfterCheckingAHashEitherWay() {
    denis(AccountStatus.ACTIVE);
    int before = hasher.checks;

    assertThatThrownBy(() -> provider.authenticate("denis.dpo", "wrong password"))
        .hasMessage("invalid username or password");
    assertThatThrownBy(() -> provider.authenticate("nobody", "comptoir-demo"))
        .hasMessage("invalid username or password");
    assertThatThrownBy(() -> provider.authenticate("Not A Name!", null))
        .hasMessage("invalid username or password");
    assertThat(hasher.checks - before).isEqualTo(3);
  }

  @Test
  void refusesADisabledUserOnlyOnceThePasswordIsRight() {
    denis(AccountStatus.DISABLED);

    assertThatThrownBy(() -> provider.authenticate("denis.dpo", "wrong password"))
        .hasMessage("invalid username or password");
    assertThatThrownBy(() -> provider.authenticate("denis.dpo", "comptoir-demo"))
        .hasMessage("user denis.dpo is disabled");
  }
}

package io.comptoir.demo;

import static java.util.Objects.requireNonNull;

import io.comptoir.identity.AccountStatus;
import io.comptoir.identity.IdentityService;
import io.comptoir.identity.Role;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import java.util.List;
import java.util.Set;

/**
 * One demo user per role, all with the password {@value #PASSWORD}. The data owner and the steward
 * are those of the BSCC products of the demo catalog.
 */
public final class DemoUsers {
  /** The password of every demo user: for demonstrations only. */
  public static final String PASSWORD = "comptoir-demo";

  public static final List<User> USERS =
      List.of(
          user("camille.consommatrice", "Camille Consommatrice", "BGPN", Role.CONSUMER),
          user("olivier.proprietaire", "Olivier Propriétaire", "BSCC", Role.DATA_OWNER),
          user("sophie.steward", "Sophie Steward", "BSCC", Role.DATA_STEWARD),
          user("denis.dpo", "Denis DPO", "BSCC", Role.DPO),
          user("lea.juriste", "Léa Juriste", "BSCC", Role.LEGAL),
          user("dora.dataoffice", "Dora Data Office", "BSCC", Role.DATA_OFFICE),
          user("alice.admin", "Alice Admin", "BSCC", Role.ADMIN));

  private DemoUsers() {}

  private static User user(String username, String displayName, String entity, Role role) {
    return new User(
        Username.of(username),
        displayName,
        username + "@comptoir.example",
        entity,
        Set.of(role),
        AccountStatus.ACTIVE);
  }

  /**
   * Creates the demo users that do not exist yet, with the demo password; existing users are left
   * as they are. Returns the number created.
   */
  public static int create(IdentityService identities) {
    requireNonNull(identities, "identities is null");
    int created = 0;
    for (User user : USERS) {
      if (identities.findUser(user.username()).isEmpty()) {
        identities.saveUser(user);
        identities.setPassword(user.username(), PASSWORD);
        created++;
      }
    }
    return created;
  }
}

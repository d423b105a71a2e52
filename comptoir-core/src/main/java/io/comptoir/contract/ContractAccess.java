package io.comptoir.contract;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.DataProduct;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;

/**
 * Who may do what with requests and contracts. The data owner acts for products of their entity;
 * the DPO, legal and the data office for every product; administrators for everything.
 */
public final class ContractAccess {
  private ContractAccess() {}

  /** The identity role that sits in a committee role. */
  public static Role roleOf(ApproverRole role) {
    return switch (role) {
      case DATA_OWNER -> Role.DATA_OWNER;
      case DPO -> Role.DPO;
      case LEGAL -> Role.LEGAL;
      case DATA_OFFICE -> Role.DATA_OFFICE;
    };
  }

  /** Whether the principal sits in this committee role for this product. */
  public static boolean sitsAs(Principal principal, ApproverRole role, DataProduct product) {
    if (role == ApproverRole.DATA_OWNER) {
      return principal.hasRoleIn(Role.DATA_OWNER, product.entity());
    }
    return principal.hasRole(roleOf(role));
  }

  public static void requireCanDecide(Principal principal, ApproverRole role, DataProduct product) {
    requireNonNull(principal, "principal is null");
    if (!sitsAs(principal, role, product)) {
      throw forbidden(
          principal.name()
              + " may not decide as "
              + role
              + " on product "
              + product.id()
              + (role == ApproverRole.DATA_OWNER
                  ? ": needs DATA_OWNER of entity " + product.entity()
                  : ": needs " + roleOf(role)));
    }
  }

  /** Revoking or reviewing a contract: the product's data owner, the DPO or an administrator. */
  public static void requireCanGovern(Principal principal, DataProduct product, String action) {
    if (principal.isAdmin()
        || principal.hasRole(Role.DPO)
        || principal.hasRoleIn(Role.DATA_OWNER, product.entity())) {
      return;
    }
    throw forbidden(
        principal.name()
            + " may not "
            + action
            + ": needs DATA_OWNER of entity "
            + product.entity()
            + ", DPO or ADMIN");
  }

  /** Seeing a contract: its consumer, anyone who may sit in its committee, administrators. */
  public static void requireCanSee(
      Principal principal, UsageContract contract, DataProduct product) {
    if (principal.isAdmin() || principal.user().value().equals(contract.consumer().user())) {
      return;
    }
    for (ApproverRole role : ApproverRole.values()) {
      if (sitsAs(principal, role, product)) {
        return;
      }
    }
    if (principal.hasRoleIn(Role.DATA_STEWARD, product.entity())) {
      return;
    }
    throw forbidden(principal.name() + " may not see contract " + contract.id());
  }

  /** Renewing: the consumer who holds it. */
  public static void requireConsumer(Principal principal, UsageContract contract) {
    if (!principal.user().value().equals(contract.consumer().user())) {
      throw forbidden(
          principal.name()
              + " may not renew contract "
              + contract.id()
              + ": only its consumer can");
    }
  }

  private static ComptoirException forbidden(String message) {
    return new ComptoirException(ErrorCode.FORBIDDEN, message);
  }
}

package io.comptoir.identity;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.DataProduct;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The access policy of the catalog, ingestion and identity features, in one place. Each check
 * returns normally or throws FORBIDDEN saying what was needed and what the caller has. Reading the
 * catalog needs no role: any authenticated principal may (the front ends refuse anonymous callers
 * with UNAUTHENTICATED before these checks).
 *
 * <ul>
 *   <li>entities and domains are written by an ADMIN;
 *   <li>a product is written by a DATA_OWNER or DATA_STEWARD of its entity, or an ADMIN;
 *   <li>a product's raw rows (version preview) are read, and data is loaded into it (uploads,
 *       imports), by a DATA_OWNER of its entity or an ADMIN;
 *   <li>the rejected rows of its runs are read by a DATA_OWNER or DATA_STEWARD of its entity, or an
 *       ADMIN;
 *   <li>users and applications are managed by an ADMIN; tokens are issued by users (not by
 *       applications) to themselves.
 * </ul>
 */
public final class Access {
  private Access() {}

  /** Creating or changing entities and domains. */
  public static void editReferenceData(Principal principal) {
    requireAdmin(principal, "change entities and domains");
  }

  /** Creating or changing a product: checked against its current and its new entity. */
  public static void editProduct(Principal principal, DataProduct product) {
    requireRoleIn(
        principal, product, "change product " + product.id(), Role.DATA_OWNER, Role.DATA_STEWARD);
  }

  /** Loading data into a product (uploads, imports). */
  public static void ingest(Principal principal, DataProduct product) {
    requireRoleIn(principal, product, "load data into product " + product.id(), Role.DATA_OWNER);
  }

  /** Reading, creating and running the ingestion flows of a product. */
  public static void manageFlows(Principal principal, DataProduct product) {
    requireRoleIn(
        principal,
        product,
        "manage the ingestion flows of product " + product.id(),
        Role.DATA_OWNER,
        Role.DATA_STEWARD);
  }

  /** Reading and writing flow templates, which belong to no entity. */
  public static void manageFlowTemplates(Principal principal) {
    requireNonNull(principal, "principal is null");
    if (!principal.isAdmin()
        && !principal.hasRole(Role.DATA_OWNER)
        && !principal.hasRole(Role.DATA_STEWARD)) {
      throw forbidden(
          principal.name()
              + " may not manage flow templates: needs DATA_OWNER, DATA_STEWARD or ADMIN, "
              + describe(principal));
    }
  }

  /** Reading raw rows of a product's versions outside a usage contract. */
  public static void readRows(Principal principal, DataProduct product) {
    requireRoleIn(principal, product, "read the rows of product " + product.id(), Role.DATA_OWNER);
  }

  /** Reading the rows an ingestion of the product rejected. */
  public static void readQuarantine(Principal principal, DataProduct product) {
    requireRoleIn(
        principal,
        product,
        "read the rejected rows of product " + product.id(),
        Role.DATA_OWNER,
        Role.DATA_STEWARD);
  }

  /** Reading and changing users and applications. */
  public static void manageIdentities(Principal principal) {
    requireAdmin(principal, "manage users and applications");
  }

  /** Issuing API tokens: a user may, an application acting for one may not. */
  public static void issueTokens(Principal principal) {
    requireNonNull(principal, "principal is null");
    if (principal.application().isPresent()) {
      throw forbidden(
          principal.name()
              + " may not issue API tokens: an application cannot; its owner logs in to do it");
    }
  }

  private static void requireAdmin(Principal principal, String action) {
    requireNonNull(principal, "principal is null");
    if (!principal.isAdmin()) {
      throw forbidden(
          principal.name() + " may not " + action + ": needs ADMIN, " + describe(principal));
    }
  }

  private static void requireRoleIn(
      Principal principal, DataProduct product, String action, Role... roles) {
    requireNonNull(principal, "principal is null");
    requireNonNull(product, "product is null");
    if (principal.isAdmin()) {
      return;
    }
    for (Role role : roles) {
      if (principal.hasRoleIn(role, product.entity())) {
        return;
      }
    }
    String needed =
        Arrays.stream(roles).map(Role::name).collect(Collectors.joining(" or ", "", ""));
    throw forbidden(
        principal.name()
            + " may not "
            + action
            + ": needs "
            + needed
            + " of entity "
            + product.entity()
            + " or ADMIN, "
            + describe(principal));
  }

  private static String describe(Principal principal) {
    String roles =
        principal.roles().isEmpty()
            ? "no role"
            : principal.roles().stream()
                .sorted()
                .map(Role::name)
                .collect(Collectors.joining(", ", "has ", ""));
    return roles + " in " + principal.entity();
  }

  private static ComptoirException forbidden(String message) {
    return new ComptoirException(ErrorCode.FORBIDDEN, message);
  }
}

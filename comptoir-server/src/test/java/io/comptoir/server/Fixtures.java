package io.comptoir.server;

import io.comptoir.catalog.CatalogService;
import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.config.Configuration;
import io.comptoir.identity.AccountStatus;
import io.comptoir.identity.IdentityService;
import io.comptoir.identity.Role;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A small catalog and files shared by the API and CLI tests. */
public final class Fixtures {
  /** Declared columns: id, destination, weight decimal(10,2), shipped date. */
  public static final ProductId PARCELS = ProductId.of("colis-suivi");

  /** No declared columns: the first load infers them. */
  public static final ProductId CUSTOMERS = ProductId.of("clients");

  /** Four rows, the second with a weight that is not a number. */
  public static final String PARCELS_CSV =
      """
      id;destination;weight;shipped
      1;75001;1.50;2024-01-02
      2;13001;abc;2024-01-03
      3;69001;0.80;2024-01-04
      4;33000;2.25;2024-01-05
      """;

  /** Two more rows, all valid. */
  public static final String MORE_PARCELS_CSV =
      """
      id;destination;weight;shipped
      5;59000;3.10;2024-02-01
      6;67000;0.40;2024-02-02
      """;

  public static final String CUSTOMERS_CSV =
      """
      id,name,city
      1,Alice Martin,Paris
      2,Bruno Petit,Lyon
      """;

  private Fixtures() {}

  /** Configuration of a test instance: a data directory, a free port, small uploads. */
  public static Configuration configuration(Path dataDirectory, Map<String, String> more) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("data-dir", dataDirectory.toString());
    values.put("http-port", "0");
    values.put("engine-memory-limit", "256MB");
    values.put("engine-threads", "1");
    values.putAll(more);
    return Configuration.of(values, dataDirectory);
  }

  public static void seed(CatalogService catalog) {
    Instant now = catalog.clock().instant();
    catalog.saveEntity(new LegalEntity("BSCC", "BSCC", "Colis et courrier"));
    catalog.saveEntity(new LegalEntity("LBP", "La Banque Postale", "Banque de détail"));
    catalog.saveDomain(new Domain("colis", "Colis", "Suivi et livraison des colis"));
    catalog.saveDomain(new Domain("clients", "Clients", ""));
    catalog.saveProduct(
        new DataProduct(
            PARCELS,
            "Suivi des colis",
            "Un événement par colis expédié",
            "BSCC",
            "colis",
            "data-colis@example.org",
            "steward@example.org",
            "SI Colis",
            Classification.INTERNAL,
            List.of("suivi", "logistique"),
            List.of(
                new Column("id", DataType.INTEGER, "Numéro", PersonalDataCategory.NONE, ""),
                new Column(
                    "destination",
                    DataType.STRING,
                    "Code postal",
                    PersonalDataCategory.QUASI_IDENTIFIER,
                    ""),
                new Column("weight", DataType.decimal(10, 2), "kg", PersonalDataCategory.NONE, ""),
                new Column("shipped", DataType.DATE, "Expédition", PersonalDataCategory.NONE, "")),
            now,
            now));
    catalog.saveProduct(
        new DataProduct(
            CUSTOMERS,
            "Clients",
            "",
            "LBP",
            "clients",
            "dpo@example.org",
            "",
            "",
            Classification.CONFIDENTIAL,
            List.of("rgpd"),
            List.of(),
            now,
            now));
  }

  /** Username of the administrator {@link #adminToken} creates. */
  public static final String ADMIN = "root.admin";

  /**
   * Creates a user (unless it exists) with the roles in the entity, and returns the secret of a new
   * API token of theirs.
   */
  public static String token(Comptoir comptoir, String username, String entity, Role... roles) {
    IdentityService identities = comptoir.identities();
    Username name = Username.of(username);
    if (identities.findUser(name).isEmpty()) {
      identities.saveUser(
          new User(name, username, "", entity, Set.of(roles), AccountStatus.ACTIVE));
    }
    return identities.issueToken(name, Optional.empty(), "test", 1).secret();
  }

  /** Password of the users {@link #user} creates. */
  public static final String PASSWORD = "test-password-1";

  /**
   * Creates a user (unless it exists) with the roles in the entity and password {@link #PASSWORD}.
   */
  public static void user(Comptoir comptoir, String username, String entity, Role... roles) {
    IdentityService identities = comptoir.identities();
    Username name = Username.of(username);
    if (identities.findUser(name).isEmpty()) {
      identities.saveUser(
          new User(name, username, "", entity, Set.of(roles), AccountStatus.ACTIVE));
    }
    identities.setPassword(name, PASSWORD);
  }

  /** A token of an ADMIN, for tests of features other than access control. */
  public static String adminToken(Comptoir comptoir) {
    return token(comptoir, ADMIN, "BSCC", Role.ADMIN);
  }

  public static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

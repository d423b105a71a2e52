package io.comptoir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {
  private static final Instant NOW = Instant.parse("2025-06-30T08:00:00Z");

  private final List<DataProduct> products = DemoCatalog.products(NOW);

  @Test
  void definesEnoughEntitiesDomainsAndProducts() {
    assertThat(DemoCatalog.entities())
        .extracting(LegalEntity::code)
        .hasSizeGreaterThanOrEqualTo(4)
        .contains("BSCC", "BGPN", "LBP", "CNP")
        .doesNotHaveDuplicates();
    assertThat(DemoCatalog.domains())
        .extracting(Domain::id)
        .hasSizeGreaterThanOrEqualTo(5)
        .contains("colis", "courrier", "clients", "reseau", "banque", "referentiels")
        .doesNotHaveDuplicates();
    assertThat(products).hasSizeGreaterThanOrEqualTo(10);
    assertThat(products).extracting(DataProduct::id).doesNotHaveDuplicates();
    assertThat(products)
        .extracting(DataProduct::id)
        .containsExactlyElementsOf(DemoCatalog.productIds());
  }

  @Test
  void everyProductNamesAnExistingEntityAndDomain() {
    Set<String> entities =
        DemoCatalog.entities().stream().map(LegalEntity::code).collect(Collectors.toSet());
    Set<String> domains =
        DemoCatalog.domains().stream().map(Domain::id).collect(Collectors.toSet());
    for (DataProduct product : products) {
      assertThat(entities).as("entity of %s", product.id()).contains(product.entity());
      assertThat(domains).as("domain of %s", product.id()).contains(product.domain());
    }
  }

  @Test
  void everyProductIsDocumentedAndOwned() {
    for (DataProduct product : products) {
      assertThat(product.title()).as("title of %s", product.id()).isNotBlank();
      assertThat(product.description())
          .as("description of %s", product.id())
          .hasSizeGreaterThan(80);
      assertThat(product.owner()).as("owner of %s", product.id()).matches("[a-z]+\\.[a-z]+");
      assertThat(product.steward()).as("steward of %s", product.id()).matches("[a-z]+\\.[a-z]+");
      assertThat(product.sourceSystem()).as("source of %s", product.id()).isNotBlank();
      assertThat(product.tags()).as("tags of %s", product.id()).isNotEmpty();
      assertThat(product.columns())
          .as("columns of %s", product.id())
          .hasSizeGreaterThanOrEqualTo(5);
      assertThat(product.createdAt()).isEqualTo(NOW);
    }
  }

  @Test
  void everyColumnIsTypedDescribedAndCategorised() {
    for (DataProduct product : products) {
      for (Column column : product.columns()) {
        String where = product.id() + "." + column.name();
        assertThat(column.name()).as(where).matches("[a-z][a-z0-9_]*");
        assertThat(column.type()).as(where).isNotNull();
        assertThat(column.description()).as(where).hasSizeGreaterThan(10);
        assertThat(column.personalData()).as(where).isNotNull();
      }
    }
  }

  @Test
  void coversEveryPersonalDataCategory() {
    Set<PersonalDataCategory> categories =
        products.stream()
            .flatMap(p -> p.columns().stream())
            .map(Column::personalData)
            .collect(Collectors.toSet());
    assertThat(categories).containsExactlyInAnyOrder(PersonalDataCategory.values());
    DataProduct customers = DemoCatalog.product(DemoCatalog.CUSTOMERS, NOW);
    assertThat(category(customers, "email")).isEqualTo(PersonalDataCategory.IDENTIFIER);
    assertThat(category(customers, "date_naissance"))
        .isEqualTo(PersonalDataCategory.QUASI_IDENTIFIER);
    assertThat(category(customers, "code_postal")).isEqualTo(PersonalDataCategory.QUASI_IDENTIFIER);
    assertThat(category(DemoCatalog.product(DemoCatalog.BANK_ACCOUNTS, NOW), "iban"))
        .isEqualTo(PersonalDataCategory.IDENTIFIER);
    assertThat(
            category(DemoCatalog.product(DemoCatalog.INSURANCE_CONTRACTS, NOW), "surprime_sante"))
        .isEqualTo(PersonalDataCategory.SENSITIVE);
  }

  @Test
  void keepsPostcodesAsStringsAndCoordinatesAsDoubles() {
    DataProduct postcodes = DemoCatalog.product(DemoCatalog.POSTAL_CODES, NOW);
    assertThat(postcodes.columns())
        .extracting(Column::name)
        .containsExactly(
            "code_commune_insee",
            "nom_commune",
            "code_postal",
            "ligne_5",
            "libelle_acheminement",
            "latitude",
            "longitude");
    assertThat(column(postcodes, "code_postal").type()).isEqualTo(DataType.STRING);
    assertThat(column(postcodes, "code_commune_insee").type()).isEqualTo(DataType.STRING);
    assertThat(column(postcodes, "latitude").type()).isEqualTo(DataType.DOUBLE);
    assertThat(column(postcodes, "longitude").type()).isEqualTo(DataType.DOUBLE);
    for (DataProduct product : products) {
      for (Column column : product.columns()) {
        if (column.name().startsWith("code_postal")) {
          assertThat(column.type())
              .as(product.id() + "." + column.name())
              .isEqualTo(DataType.STRING);
        }
      }
    }
  }

  @Test
  void declaresFrenchDateFormatsWhereFilesUseThem() {
    DataProduct customers = DemoCatalog.product(DemoCatalog.CUSTOMERS, NOW);
    assertThat(column(customers, "date_naissance").format()).isEqualTo("dd/MM/yyyy");
    DataProduct transactions = DemoCatalog.product(DemoCatalog.BANK_TRANSACTIONS, NOW);
    assertThat(column(transactions, "date_operation").format()).isEqualTo("dd/MM/yyyy");
    assertThat(column(transactions, "montant_eur").type()).isEqualTo(DataType.decimal(12, 2));
    DataProduct parcels = DemoCatalog.product(DemoCatalog.PARCELS, NOW);
    assertThat(column(parcels, "date_depot").format()).isEmpty();
    assertThat(column(parcels, "poids_kg").type()).isEqualTo(DataType.DOUBLE);
  }

  @Test
  void rejectsAnUnknownProduct() {
    assertThatThrownBy(() -> DemoCatalog.product(ProductId.of("inconnu"), NOW))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("demo product not found: inconnu");
  }

  private static PersonalDataCategory category(DataProduct product, String name) {
    return column(product, name).personalData();
  }

  private static Column column(DataProduct product, String name) {
    return product.columns().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(product.id() + " has no column " + name));
  }
}

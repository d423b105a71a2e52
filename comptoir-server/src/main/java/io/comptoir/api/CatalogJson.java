package io.comptoir.api;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.Page;
import io.comptoir.ingest.Version;
import io.comptoir.ingest.WriteMode;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** JSON shapes of the catalog routes. */
final class CatalogJson {
  private CatalogJson() {}

  /** A list that may grow paging fields later without breaking clients. */
  record Items<T>(List<T> items) {
    static <S, T> Items<T> of(List<S> values, Function<S, T> shape) {
      return new Items<>(values.stream().map(shape).toList());
    }
  }

  record PageJson<T>(List<T> items, long total, int offset, int limit) {
    static <S, T> PageJson<T> of(Page<S> page, Function<S, T> shape) {
      return new PageJson<>(
          page.items().stream().map(shape).toList(), page.total(), page.offset(), page.limit());
    }
  }

  record EntityJson(String code, String name, String description) {
    static EntityJson of(LegalEntity entity) {
      return new EntityJson(entity.code(), entity.name(), entity.description());
    }
  }

  record DomainJson(String id, String name, String description) {
    static DomainJson of(Domain domain) {
      return new DomainJson(domain.id(), domain.name(), domain.description());
    }
  }

  record ColumnJson(
      String name,
      String type,
      String description,
      PersonalDataCategory personalData,
      String format) {
    static ColumnJson of(Column column) {
      return new ColumnJson(
          column.name(),
          column.type().toString(),
          column.description(),
          column.personalData(),
          column.format());
    }

    static List<ColumnJson> of(List<Column> columns) {
      return columns.stream().map(ColumnJson::of).toList();
    }
  }

  record ProductSummaryJson(
      String id,
      String title,
      String description,
      String entity,
      String domain,
      String owner,
      Classification classification,
      List<String> tags,
      Instant updatedAt,
      Integer score,
      io.comptoir.score.StandingFacts.CertificationLevel certification) {
    static ProductSummaryJson of(DataProduct product) {
      return new ProductSummaryJson(
          product.id().value(),
          product.title(),
          product.description(),
          product.entity(),
          product.domain(),
          product.owner(),
          product.classification(),
          product.tags(),
          product.updatedAt(),
          null,
          null);
    }

    /** The same summary with the product's data score and certification in force. */
    ProductSummaryJson withStanding(
        java.util.OptionalInt newScore,
        java.util.Optional<io.comptoir.score.StandingFacts.CertificationLevel> level) {
      return new ProductSummaryJson(
          id,
          title,
          description,
          entity,
          domain,
          owner,
          classification,
          tags,
          updatedAt,
          newScore.isPresent() ? newScore.getAsInt() : null,
          level.orElse(null));
    }
  }

  record ProductJson(
      String id,
      String title,
      String description,
      String entity,
      String domain,
      String owner,
      String steward,
      String sourceSystem,
      Classification classification,
      List<String> tags,
      List<ColumnJson> columns,
      Instant createdAt,
      Instant updatedAt,
      List<VersionSummaryJson> versions) {
    static ProductJson of(DataProduct product, List<Version> versions) {
      return new ProductJson(
          product.id().value(),
          product.title(),
          product.description(),
          product.entity(),
          product.domain(),
          product.owner(),
          product.steward(),
          product.sourceSystem(),
          product.classification(),
          product.tags(),
          ColumnJson.of(product.columns()),
          product.createdAt(),
          product.updatedAt(),
          versions.stream().map(VersionSummaryJson::of).toList());
    }
  }

  record VersionSummaryJson(
      int number, Instant createdAt, long rowCount, long bytes, WriteMode mode) {
    static VersionSummaryJson of(Version version) {
      return new VersionSummaryJson(
          version.number(),
          version.createdAt(),
          version.rowCount(),
          version.bytes(),
          version.mode());
    }
  }

  /** Body of {@code PUT /api/v1/entities/{code}} and {@code PUT /api/v1/domains/{id}}. */
  record NamedInputJson(String name, String description) {}

  /** A column in a product body; {@code type} as in {@code DataType.parse}. */
  record ColumnInputJson(
      String name, String type, String description, String personalData, String format) {
    Column toColumn() {
      return new Column(
          name,
          DataType.parse(type),
          description,
          personalData == null
              ? PersonalDataCategory.NONE
              : Parameters.parseEnum("personalData", personalData, PersonalDataCategory.class),
          format);
    }
  }

  /** Body of {@code PUT /api/v1/products/{id}}. */
  record ProductInputJson(
      String title,
      String description,
      String entity,
      String domain,
      String owner,
      String steward,
      String sourceSystem,
      String classification,
      List<String> tags,
      List<ColumnInputJson> columns) {
    DataProduct toProduct(ProductId id, Instant now) {
      if (classification == null) {
        throw ComptoirException.invalidInput(
            "classification is required (PUBLIC, INTERNAL, CONFIDENTIAL or RESTRICTED)");
      }
      return new DataProduct(
          id,
          title,
          description,
          entity,
          domain,
          owner,
          steward,
          sourceSystem,
          Parameters.parseEnum("classification", classification, Classification.class),
          tags == null ? List.of() : tags.stream().filter(java.util.Objects::nonNull).toList(),
          columns == null
              ? List.of()
              : columns.stream()
                  .map(
                      column -> {
                        if (column == null) {
                          throw ComptoirException.invalidInput("a column is null");
                        }
                        return column.toColumn();
                      })
                  .toList(),
          now,
          now);
    }
  }
}

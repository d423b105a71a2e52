package io.comptoir.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.DataType;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest {
  private static final List<DataType> TYPES =
      List.of(
          DataType.STRING,
          DataType.INTEGER,
          DataType.DOUBLE,
          DataType.decimal(10, 2),
          DataType.BOOLEAN,
          DataType.DATE,
          DataType.TIMESTAMP);

  @Test
  void ordersMaskingsFromTheLoosestToTheStrictest() {
    List<Masking> chain =
        List.of(
            Masking.MASK_NONE,
            Masking.MASK_SHOW_LAST_4,
            Masking.GENERALIZE,
            Masking.MASK_DATE_SHOW_YEAR,
            Masking.HASH_KEYED,
            Masking.MASK,
            Masking.MASK_NULL);
    for (int i = 0; i < chain.size(); i++) {
      for (int j = 0; j < chain.size(); j++) {
        assertThat(chain.get(i).isAtLeastAsStrictAs(chain.get(j)))
            .as(chain.get(i) + " >= " + chain.get(j))
            .isEqualTo(i >= j);
      }
    }
    assertThat(Masking.MASK_SHOW_FIRST_4.isAtLeastAsStrictAs(Masking.MASK_NONE)).isTrue();
    assertThat(Masking.GENERALIZE.isAtLeastAsStrictAs(Masking.MASK_SHOW_FIRST_4)).isTrue();
  }

  @Test
  void doesNotCompareShowFirstWithShowLast() {
    assertThat(Masking.MASK_SHOW_FIRST_4.isAtLeastAsStrictAs(Masking.MASK_SHOW_LAST_4)).isFalse();
    assertThat(Masking.MASK_SHOW_LAST_4.isAtLeastAsStrictAs(Masking.MASK_SHOW_FIRST_4)).isFalse();
  }

  @Test
  void appliesEachMaskingOnlyToItsTypes() {
    for (DataType type : TYPES) {
      DataType.Kind kind = type.kind();
      assertThat(Masking.MASK_NONE.appliesTo(type)).isTrue();
      assertThat(Masking.MASK_NULL.appliesTo(type)).isTrue();
      assertThat(Masking.MASK.appliesTo(type)).isTrue();
      assertThat(Masking.HASH_KEYED.appliesTo(type)).isTrue();
      assertThat(Masking.MASK_SHOW_LAST_4.appliesTo(type)).isEqualTo(kind == DataType.Kind.STRING);
      assertThat(Masking.MASK_SHOW_FIRST_4.appliesTo(type)).isEqualTo(kind == DataType.Kind.STRING);
      assertThat(Masking.MASK_DATE_SHOW_YEAR.appliesTo(type))
          .isEqualTo(kind == DataType.Kind.DATE || kind == DataType.Kind.TIMESTAMP);
      assertThat(Masking.GENERALIZE.appliesTo(type)).isEqualTo(kind != DataType.Kind.BOOLEAN);
    }
  }

  @Test
  void rejectsAMaskingThatDoesNotApplyToTheType() {
    assertThatThrownBy(
            () -> GovernedColumn.of("postcode", DataType.STRING, Masking.MASK_DATE_SHOW_YEAR))
        .isInstanceOf(ComptoirException.class)
        .hasMessage(
            "masking MASK_DATE_SHOW_YEAR cannot be applied to column 'postcode' of type string")
        .extracting(e -> ((ComptoirException) e).code())
        .isEqualTo(ErrorCode.INVALID_INPUT);
    assertThatThrownBy(() -> GovernedColumn.of("vip", DataType.BOOLEAN, Masking.GENERALIZE))
        .hasMessage("masking GENERALIZE cannot be applied to column 'vip' of type boolean");
    assertThatThrownBy(() -> GovernedColumn.of("age", DataType.INTEGER, Masking.MASK_SHOW_LAST_4))
        .hasMessage("masking MASK_SHOW_LAST_4 cannot be applied to column 'age' of type integer");
  }

  @Test
  void masksEachPersonalDataCategoryByDefault() {
    assertThat(Masking.defaultFor(PersonalDataCategory.NONE)).isEqualTo(Masking.MASK_NONE);
    assertThat(Masking.defaultFor(PersonalDataCategory.IDENTIFIER)).isEqualTo(Masking.HASH_KEYED);
    assertThat(Masking.defaultFor(PersonalDataCategory.QUASI_IDENTIFIER))
        .isEqualTo(Masking.GENERALIZE);
    assertThat(Masking.defaultFor(PersonalDataCategory.SENSITIVE)).isEqualTo(Masking.MASK_NULL);
  }

  @Test
  void rejectsABucketWidthBelowOne() {
    assertThatThrownBy(() -> new Generalization(Generalization.DateGranularity.YEAR, 0))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("bucket width must be >= 1, got 0");
  }

  @Test
  void neverPrintsAContractKey() {
    ContractKey key = ContractKey.generate(new SecureRandom());

    assertThat(key.toString()).isEqualTo("ContractKey[hidden]");
    assertThat(key.bytes()).hasSize(32);
    assertThat(ContractKey.of(key.bytes())).isEqualTo(key);
    assertThat(ContractKey.generate(new SecureRandom())).isNotEqualTo(key);
    assertThatThrownBy(() -> ContractKey.of(new byte[16]))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("a contract key has 32 bytes, got 16");
  }

  @Test
  void parsesMaskingNames() {
    assertThat(Masking.parse("hash_keyed")).isEqualTo(Masking.HASH_KEYED);
    assertThat(Masking.parse(" MASK_SHOW_LAST_4")).isEqualTo(Masking.MASK_SHOW_LAST_4);
    assertThatThrownBy(() -> Masking.parse("SHA256"))
        .isInstanceOf(ComptoirException.class)
        .hasMessage(
            "unknown masking 'SHA256' (expected one of [MASK_NONE, MASK_SHOW_LAST_4,"
                + " MASK_SHOW_FIRST_4, GENERALIZE, MASK_DATE_SHOW_YEAR, HASH_KEYED, MASK,"
                + " MASK_NULL])");
  }

  @Test
  void parsesOutputFormats() {
    assertThat(OutputFormat.parse("csv")).isEqualTo(OutputFormat.CSV);
    assertThat(OutputFormat.parse("JSONL")).isEqualTo(OutputFormat.JSONL);
    assertThat(OutputFormat.parse(" parquet ")).isEqualTo(OutputFormat.PARQUET);
    assertThatThrownBy(() -> OutputFormat.parse("xml"))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("unknown format 'xml' (expected csv, jsonl or parquet)");
    assertThatThrownBy(() -> OutputFormat.parse("csv".repeat(100)))
        .hasMessage(
            "unknown format '%s...' (expected csv, jsonl or parquet)",
            "csv".repeat(14).substring(0, 40));
  }
}

package io.comptoir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.NotFoundException;
import io.comptoir.demo.PostalCodes.PostalCode;
import io.comptoir.ingest.SourceEncoding;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fast checks of the generators that need no DuckDB; {@link DemoFilesIT} checks every file. */
class DemoFilesTest {
  @TempDir Path directory;

  @Test
  void readsTheRealPostcodesAsStrings() {
    List<PostalCode> codes = PostalCodes.all();
    assertThat(codes).hasSize(39_192);
    assertThat(PostalCodes.withCoordinates()).hasSize(39_192 - 270);
    assertThat(codes)
        .filteredOn(code -> code.postcode().equals("01000"))
        .extracting(PostalCode::inseeCode)
        .contains("01053");
    assertThat(codes).allMatch(code -> code.postcode().matches("\\d{5}"));
    assertThat(codes).anyMatch(code -> code.inseeCode().startsWith("2A"));
    PostalCode first = codes.get(0);
    assertThat(first.latitude()).contains("48.9741132204");
    assertThat(first.longitude()).contains("-1.54436628419");
  }

  @Test
  void writesThePostcodesProductWithSplitCoordinates() throws Exception {
    DemoFile file = DemoFiles.write(DemoCatalog.POSTAL_CODES, directory);

    List<String> source = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(PostalCodes.open(), StandardCharsets.UTF_8))) {
      reader.lines().forEach(source::add);
    }
    List<String> written = Files.readAllLines(file.path());
    assertThat(file.rows()).isEqualTo(39_192);
    assertThat(source.get(0)).isEqualTo(PostalCodes.HEADER);
    assertThat(written.get(0))
        .isEqualTo(
            "code_commune_insee;nom_commune;code_postal;ligne_5;libelle_acheminement;latitude;longitude");
    assertThat(written).hasSize(source.size());
    assertThat(written.get(1))
        .isEqualTo(
            "50231;HAUTEVILLE SUR MER;50590;;HAUTEVILLE SUR MER;48.9741132204;-1.54436628419");
    for (int i = 1; i < source.size(); i++) {
      String[] in = source.get(i).split(";", -1);
      String coordinates = in[5].isEmpty() ? ";" : in[5].replace(',', ';');
      String expected = String.join(";", in[0], in[1], in[2], in[3], in[4]) + ";" + coordinates;
      assertThat(written.get(i)).as("line %d", i + 1).isEqualTo(expected);
    }
    assertThat(written).anyMatch(line -> line.startsWith("01053;BOURG EN BRESSE;01000;"));
  }

  @Test
  void generatesTheSameBytesTwice() throws Exception {
    for (ProductId product :
        List.of(DemoCatalog.INSURANCE_CONTRACTS, DemoCatalog.DIGITAL_IDENTITIES)) {
      DemoFile first = DemoFiles.write(product, directory.resolve("first"));
      DemoFile second = DemoFiles.write(product, directory.resolve("second"));
      assertThat(first.rows()).isEqualTo(second.rows()).isPositive();
      assertThat(Files.mismatch(first.path(), second.path())).as("%s", product).isEqualTo(-1L);
    }
  }

  @Test
  void replacesAPreviousFileAndLeavesNoTemporaryFile() throws Exception {
    Path target = directory.resolve(DemoFiles.fileName(DemoCatalog.INSURANCE_CONTRACTS));
    Files.writeString(target, "stale");

    DemoFile file = DemoFiles.write(DemoCatalog.INSURANCE_CONTRACTS, directory);

    assertThat(file.path()).isEqualTo(target);
    assertThat(Files.readString(target, StandardCharsets.ISO_8859_1))
        .startsWith("numero_contrat,client_id,produit,")
        .contains(",Prévoyance décès,");
    try (var listing = Files.list(directory)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactly(target.getFileName().toString());
    }
  }

  @Test
  void declaresTheIngestionOptionsOfEveryFile() {
    for (ProductId product : DemoCatalog.productIds()) {
      SourceOptions options = DemoFiles.options(product);
      String name = DemoFiles.fileName(product);
      assertThat(name).startsWith(product.value() + ".");
      assertThat(options.format()).as("%s", product).isPresent();
      assertThat(SourceFormat.fromFileName(name)).isEqualTo(options.format());
      if (options.format().get() == SourceFormat.CSV) {
        assertThat(options.delimiter()).as("%s", product).isPresent();
        assertThat(options.encoding()).as("%s", product).isNotEqualTo(SourceEncoding.AUTO);
        assertThat(options.header()).isTrue();
      }
    }
    assertThat(DemoFiles.options(DemoCatalog.CUSTOMERS).encoding())
        .isEqualTo(SourceEncoding.WINDOWS_1252);
    assertThat(DemoFiles.options(DemoCatalog.INSURANCE_CONTRACTS).encoding())
        .isEqualTo(SourceEncoding.ISO_8859_1);
    assertThat(DemoFiles.options(DemoCatalog.BANK_TRANSACTIONS).decimalSeparator()).isEqualTo(',');
    assertThat(DemoFiles.options(DemoCatalog.BANK_ACCOUNTS).decimalSeparator()).isEqualTo(',');
    assertThat(DemoFiles.options(DemoCatalog.MAIL_VOLUMES).delimiter()).contains('\t');
    assertThat(DemoFiles.options(DemoCatalog.POST_OFFICES).format()).contains(SourceFormat.JSONL);
    assertThat(DemoFiles.options(DemoCatalog.TRACKING_EVENTS).format())
        .contains(SourceFormat.PARQUET);
  }

  @Test
  void buildsValidFrenchIbans() {
    // the usual textbook RIB: 30006 00001 12345678901 key 89
    assertThat(FrenchIban.of("30006", "00001", "12345678901"))
        .isEqualTo("FR7630006000011234567890189");
    assertThat(FrenchIban.isValid("FR7630006000011234567890189")).isTrue();
    assertThat(FrenchIban.isValid("FR7630006000011234567890188")).isFalse();
    assertThat(BankFiles.accounts())
        .hasSizeGreaterThan(15_000)
        .allSatisfy(
            account -> {
              assertThat(account.iban()).startsWith("FR76" + FrenchIban.BANK_CODE).hasSize(27);
              assertThat(FrenchIban.isValid(account.iban())).as(account.iban()).isTrue();
            });
  }

  @Test
  void rejectsAnUnknownProduct() {
    assertThatThrownBy(() -> DemoFiles.write(ProductId.of("inconnu"), directory))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("demo product not found: inconnu");
    assertThatThrownBy(() -> DemoFiles.options(ProductId.of("inconnu")))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("demo product not found: inconnu");
  }
}

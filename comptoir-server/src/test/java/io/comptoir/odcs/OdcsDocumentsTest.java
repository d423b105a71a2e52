package io.comptoir.odcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.demo.DemoCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OdcsDocumentsTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private final OdcsDocuments documents = new OdcsDocuments();
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  @Test
  void exportsEveryDemoProductAsAValidOdcsDocument() throws IOException {
    for (DataProduct product : DemoCatalog.products(NOW)) {
      String text = documents.export(product, Optional.empty());
      JsonNode document = yaml.readTree(text);
      assertThat(documents.validate(document)).as(product.id().value()).isEmpty();
      assertThat(document.path("apiVersion").asText()).isEqualTo("v3.1.0");
      assertThat(document.path("kind").asText()).isEqualTo("DataContract");
      assertThat(document.path("schema").path(0).path("properties").size())
          .isEqualTo(product.columns().size());
    }
  }

  @Test
  void readsBackWhatItExports() {
    for (DataProduct product : DemoCatalog.products(NOW)) {
      String text = documents.export(product, Optional.empty());
      DataProduct read = documents.read(product.id(), text.getBytes(StandardCharsets.UTF_8), NOW);
      assertThat(read).isEqualTo(product);
    }
  }

  @Test
  void keepsPersonalDataCategoriesAndFormatsInTheDocument() throws IOException {
    DataProduct customers =
        DemoCatalog.products(NOW).stream()
            .filter(p -> p.columns().stream().anyMatch(c -> !c.format().isEmpty()))
            .findFirst()
            .orElseThrow();
    String text = documents.export(customers, Optional.empty());
    assertThat(text).contains("personalDataCategory").contains("IDENTIFIER");
    assertThat(text).contains("format:");
  }

  @Test
  void refusesDocumentsTheSchemaRefuses() {
    String valid = documents.export(DemoCatalog.products(NOW).get(0), Optional.empty());
    ProductId id = DemoCatalog.products(NOW).get(0).id();
    assertThatThrownBy(
            () ->
                documents.read(
                    id, (valid + "colour: blue\n").getBytes(StandardCharsets.UTF_8), NOW))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("does not validate against ODCS v3.1.0")
        .hasMessageContaining("colour");
    assertThatThrownBy(
            () ->
                documents.read(ProductId.of("autre"), valid.getBytes(StandardCharsets.UTF_8), NOW))
        .hasMessageContaining("is not the product id 'autre'");
    assertThatThrownBy(
            () -> documents.read(id, "key: [unclosed".getBytes(StandardCharsets.UTF_8), NOW))
        .hasMessageStartingWith("the ODCS document is not valid YAML");
    assertThatThrownBy(() -> documents.read(id, "- a\n- b\n".getBytes(StandardCharsets.UTF_8), NOW))
        .hasMessage("the ODCS document must be a YAML mapping");
    assertThatThrownBy(() -> documents.read(id, new byte[2 << 20], NOW))
        .hasMessage("an ODCS document is at most 1048576 bytes, got 2097152");
  }

  @Test
  void shipsTheOfficialSchemaUnchanged() throws IOException {
    Path official = Path.of("../../shared/standards/odcs-json-schema-v3.1.0.json");
    if (!Files.exists(official)) {
      official = Path.of("../shared/standards/odcs-json-schema-v3.1.0.json");
    }
    assertThat(official).as("the shared standards folder beside the checkout").exists();
    try (InputStream bundled =
        OdcsDocuments.class.getResourceAsStream("odcs-json-schema-v3.1.0.json")) {
      assertThat(bundled.readAllBytes()).isEqualTo(Files.readAllBytes(official));
    }
  }
}

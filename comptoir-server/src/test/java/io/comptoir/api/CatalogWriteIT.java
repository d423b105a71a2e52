package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Creating entities, domains and products through the API, then loading a file into one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogWriteIT {
  @TempDir static Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http http;

  @BeforeAll
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    server = comptoir.startHttp();
    http = new Http(server.url(), Fixtures.adminToken(comptoir));
  }

  @AfterAll
  void stop() {
    server.close();
    comptoir.close();
  }

  @Test
  void createsAProductThenIngestsIntoIt() {
    assertThat(http.putJson("/api/v1/entities/LBP", "{\"name\": \"La Banque Postale\"}").status())
        .isEqualTo(200);
    assertThat(http.putJson("/api/v1/domains/banque", "{\"name\": \"Banque\"}").status())
        .isEqualTo(200);
    Http.Response created =
        http.putJson(
            "/api/v1/products/comptes",
            """
            {"title": "Comptes", "description": "Comptes courants", "entity": "LBP",
             "domain": "banque", "owner": "paul.martin", "classification": "confidential",
             "tags": ["banque"],
             "columns": [
               {"name": "iban", "type": "string", "description": "IBAN",
                "personalData": "identifier"},
               {"name": "solde", "type": "decimal(12,2)", "description": "Solde"},
               {"name": "ouverture", "type": "date", "format": "dd/MM/yyyy"}]}
            """);
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    JsonNode product = created.json();
    assertThat(product.get("classification").asText()).isEqualTo("CONFIDENTIAL");
    assertThat(product.get("columns").get(0).get("personalData").asText()).isEqualTo("IDENTIFIER");
    assertThat(product.get("columns").get(1).get("type").asText()).isEqualTo("decimal(12,2)");

    Http.Response run =
        http.post(
            "/api/v1/products/comptes/uploads?filename=comptes.csv&delimiter=;&decimal-separator=,",
            "iban;solde;ouverture\nFR7620041010050500013M02606;1234,50;31/01/2020\n");
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    assertThat(run.json().get("rowsAccepted").asLong()).isEqualTo(1);
  }

  @Test
  void refusesBadProductBodiesNamingTheField() {
    http.putJson("/api/v1/entities/BSCC", "{\"name\": \"BSCC\"}");
    http.putJson("/api/v1/domains/colis", "{\"name\": \"Colis\"}");
    assertError(
        http.putJson(
            "/api/v1/products/colis",
            "{\"title\": \"Colis\", \"entity\": \"BSCC\", \"domain\": \"colis\", \"owner\": \"x\"}"),
        "classification is required");
    assertError(
        http.putJson(
            "/api/v1/products/colis",
            "{\"title\": \"Colis\", \"entity\": \"NOPE\", \"domain\": \"colis\", \"owner\": \"x\","
                + " \"classification\": \"PUBLIC\"}"),
        "product colis names unknown entity 'NOPE'");
    assertError(
        http.putJson(
            "/api/v1/products/colis",
            "{\"title\": \"Colis\", \"entity\": \"BSCC\", \"domain\": \"colis\", \"owner\": \"x\","
                + " \"classification\": \"SECRET\"}"),
        "classification must be one of PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED, got 'SECRET'");
    assertError(
        http.putJson(
            "/api/v1/products/colis",
            "{\"title\": \"Colis\", \"entity\": \"BSCC\", \"domain\": \"colis\", \"owner\": \"x\","
                + " \"classification\": \"PUBLIC\", \"columns\": [{\"name\": \"poids\","
                + " \"type\": \"weight\"}]}"),
        "unknown data type 'weight'");
    assertError(http.putJson("/api/v1/products/Bad_Id", "{}"), "product id must be");
    assertError(http.putJson("/api/v1/domains/colis", "not json"), "");
  }

  @Test
  void exportsAProductAsOdcsAndImportsItBack() {
    http.putJson("/api/v1/entities/NUM", "{\"name\": \"Numérique\"}");
    http.putJson("/api/v1/domains/clients", "{\"name\": \"Clients\"}");
    http.putJson(
        "/api/v1/products/identites",
        """
        {"title": "Identités numériques", "entity": "NUM", "domain": "clients",
         "owner": "nadia.owner", "classification": "RESTRICTED",
         "columns": [{"name": "email", "type": "string", "personalData": "IDENTIFIER"}]}
        """);
    Http.Response exported = http.get("/api/v1/products/identites/odcs");
    assertThat(exported.status()).as(exported.body()).isEqualTo(200);
    assertThat(exported.contentType()).startsWith("application/yaml");
    assertThat(exported.body()).contains("kind: DataContract").contains("IDENTIFIER");

    String changed =
        exported.body().replace("name: Identités numériques", "name: Identités (ODCS)");
    Http.Response imported = http.putYaml("/api/v1/products/identites/odcs", changed);
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.json().get("title").asText()).isEqualTo("Identités (ODCS)");
    assertThat(imported.json().get("classification").asText()).isEqualTo("RESTRICTED");

    Http.Response refused =
        http.putYaml("/api/v1/products/identites/odcs", changed + "colour: blue\n");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("error").get("message").asText())
        .contains("does not validate against ODCS v3.1.0");
  }

  private static void assertError(Http.Response response, String message) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("error").get("code").asText()).isEqualTo("INVALID_INPUT");
    assertThat(response.json().get("error").get("message").asText()).contains(message);
  }
}

package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.comptoir.connectors.KafkaBroker;
import io.comptoir.identity.Role;
import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka flows over HTTP against a real broker: each run ingests the records that follow the offsets
 * committed with the last version, exactly once.
 */
class KafkaFlowIT {
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static KafkaBroker broker;

  @TempDir Path dataDirectory;

  private Comptoir comptoir;
  private ApiServer server;
  private Http owner;
  private String topic;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @BeforeEach
  void start() {
    comptoir = Comptoir.open(Fixtures.configuration(dataDirectory, Map.of()));
    Fixtures.seed(comptoir.catalog());
    server = comptoir.startHttp();
    owner =
        new Http(server.url())
            .withToken(Fixtures.token(comptoir, "olivier", "BSCC", Role.DATA_OWNER));
    topic = "colis.evenements-" + TOPICS.incrementAndGet();
    broker.createTopic(topic, 2);
  }

  @AfterEach
  void stop() {
    server.close();
    comptoir.close();
  }

  private void save(String id, String sourceKeys, String rejectRate) {
    String yaml =
        "id: "
            + id
            + "\nproduct: colis-suivi\nsource: {kind: kafka, bootstrap-servers: "
            + broker.bootstrapServers()
            + ", topic: "
            + topic
            + sourceKeys
            + "}\nwrite: {mode: append}\ncontrols: {tolerated-reject-rate: "
            + rejectRate
            + "}\n";
    Http.Response saved = owner.putYaml("/api/v1/flows/" + id, yaml);
    assertThat(saved.status()).as(saved.body()).isIn(200, 201);
  }

  private JsonNode run(String flow) {
    Http.Response response = owner.postJson("/api/v1/flows/" + flow + "/runs", "");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static String parcel(int id) {
    return "{\"id\": "
        + id
        + ", \"destination\": \"75001\", \"weight\": \"1.50\", \"shipped\": \"2024-03-0"
        + (id % 9 + 1)
        + "\"}";
  }

  private static List<String> parcels(int from, int to) {
    List<String> values = new ArrayList<>();
    for (int id = from; id <= to; id++) {
      values.add(parcel(id));
    }
    return values;
  }

  private long rows() {
    return comptoir.ingestion().findLatestVersion(Fixtures.PARCELS).orElseThrow().rowCount();
  }

  @Test
  void ingestsOnlyTheRecordsThatFollowTheOffsetsCommittedWithTheLastVersion() {
    save("evenements-colis", "", "0.5");
    broker.produce(topic, 0, List.of(parcel(1), parcel(2), "pas du json"));
    broker.produce(topic, 1, List.of(parcel(3)));

    JsonNode first = run("evenements-colis");

    assertThat(first.path("runs")).hasSize(1);
    JsonNode version1 = first.path("runs").get(0);
    assertThat(version1.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(version1.path("version").asInt()).isEqualTo(1);
    assertThat(version1.path("source").asText()).isEqualTo(topic + " 0:0-2 1:0-0 (4 records)");
    assertThat(version1.path("rowsRead").asLong()).isEqualTo(4);
    assertThat(version1.path("rowsAccepted").asLong()).isEqualTo(3);
    assertThat(version1.path("rowsQuarantined").asLong()).isEqualTo(1);
    assertThat(version1.path("flow").asText()).isEqualTo("evenements-colis");
    assertThat(rows()).isEqualTo(3);
    assertThat(comptoir.ingestion().progress("evenements-colis"))
        .isEqualTo(Map.of("offset:0", "3", "offset:1", "1"));
    JsonNode quarantine =
        owner.get("/api/v1/runs/" + version1.path("id").asText() + "/quarantine").json();
    assertThat(quarantine.path("items")).hasSize(1);
    assertThat(quarantine.path("items").get(0).toString())
        .contains("pas du json")
        .contains("the line is not valid JSON");

    assertThat(run("evenements-colis").path("runs")).as("nothing new: no version").isEmpty();

    broker.produce(topic, 1, List.of(parcel(4), parcel(5)));
    JsonNode second = run("evenements-colis");

    assertThat(second.path("runs")).hasSize(1);
    assertThat(second.path("runs").get(0).path("version").asInt()).isEqualTo(2);
    assertThat(second.path("runs").get(0).path("rowsRead").asLong()).isEqualTo(2);
    assertThat(rows()).as("appended").isEqualTo(5);
    assertThat(comptoir.ingestion().listVersions(Fixtures.PARCELS)).hasSize(2);
  }

  @Test
  void ingestsTheSameValuesAgainWhenTheyAreNewRecords() {
    save("evenements-colis", "", "0");
    broker.produce(topic, 0, List.of(parcel(1)));
    run("evenements-colis");
    broker.produce(topic, 0, List.of(parcel(1)));

    JsonNode again = run("evenements-colis");

    assertThat(again.path("failed")).isEmpty();
    assertThat(again.path("runs").get(0).path("version").asInt()).isEqualTo(2);
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void splitsABacklogOverRunsOfMaxRecords() {
    save("evenements-colis", ", max-records: 4", "0");
    broker.produce(topic, 0, parcels(1, 6));
    broker.produce(topic, 1, parcels(7, 9));

    List<Long> read = new ArrayList<>();
    List<String> lags = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode result = run("evenements-colis");
      assertThat(result.path("runs")).hasSize(1);
      read.add(result.path("runs").get(0).path("rowsRead").asLong());
      lags.add(
          owner
              .get("/metrics")
              .body()
              .lines()
              .filter(
                  line -> line.startsWith("comptoir_flow_lag_records{flow=\"evenements-colis\"}"))
              .findFirst()
              .orElse("none"));
    }

    assertThat(lags)
        .as("records left to read after each run")
        .containsExactly(
            "comptoir_flow_lag_records{flow=\"evenements-colis\"} 5.0",
            "comptoir_flow_lag_records{flow=\"evenements-colis\"} 1.0",
            "comptoir_flow_lag_records{flow=\"evenements-colis\"} 0.0");
    assertThat(read).containsExactly(4L, 4L, 1L);
    assertThat(run("evenements-colis").path("runs")).isEmpty();
    assertThat(comptoir.ingestion().listVersions(Fixtures.PARCELS)).hasSize(3);
    assertThat(rows()).isEqualTo(9);
    assertThat(comptoir.ingestion().progress("evenements-colis"))
        .isEqualTo(Map.of("offset:0", "6", "offset:1", "3"));
  }

  @Test
  void countsEveryRecordThatIsNotAJsonObjectAsQuarantined() {
    save("evenements-colis", "", "1");
    List<byte[]> values = new ArrayList<>();
    values.add(parcel(1).getBytes(StandardCharsets.UTF_8));
    values.add(parcel(2).replace(", ", ",\n  ").getBytes(StandardCharsets.UTF_8));
    values.add(null);
    values.add(
        new byte[] {
          '{',
          '"',
          'i',
          'd',
          '"',
          ':',
          ' ',
          '3',
          ',',
          '"',
          'x',
          '"',
          ':',
          '"',
          (byte) 0xff,
          '"',
          '}'
        });
    values.add("{\"id\": 4, \"destination\": \"deux\nlignes\"}".getBytes(StandardCharsets.UTF_8));
    values.add((parcel(5) + "\n" + parcel(6)).getBytes(StandardCharsets.UTF_8));
    values.add(new byte[0]);
    values.add("[1, 2]".getBytes(StandardCharsets.UTF_8));
    broker.produceBytes(topic, 0, values);

    JsonNode run = run("evenements-colis").path("runs").get(0);

    assertThat(run.path("rowsRead").asLong()).isEqualTo(8);
    assertThat(run.path("rowsAccepted").asLong()).isEqualTo(2);
    assertThat(run.path("rowsQuarantined").asLong()).isEqualTo(6);
    assertThat(rows()).isEqualTo(2);
    JsonNode quarantine =
        owner.get("/api/v1/runs/" + run.path("id").asText() + "/quarantine").json().path("items");
    List<String> reasons = new ArrayList<>();
    quarantine.forEach(
        row -> {
          String type = row.path("errorType").asText();
          String raw = row.path("raw").asText();
          // the raw text of a line that is not UTF-8 holds a replacement character
          reasons.add(type + " " + (type.equals("INVALID_ENCODING") ? raw.substring(0, 9) : raw));
        });
    assertThat(reasons)
        .containsExactlyInAnyOrder(
            "NOT_AN_OBJECT null",
            "INVALID_ENCODING {\"id\": 3,",
            "NOT_AN_OBJECT \"{\\\"id\\\": 4, \\\"destination\\\": \\\"deux\\u000alignes\\\"}\"",
            "INVALID_JSON " + parcel(5) + " " + parcel(6),
            "NOT_AN_OBJECT \"\"",
            "NOT_AN_OBJECT [1, 2]");
  }

  @Test
  void readsAgainTheRecordsOfAFailedRunAndNothingElse() {
    save("evenements-colis", "", "0");
    broker.produce(topic, 0, List.of(parcel(1), "pas du json"));

    JsonNode failed = run("evenements-colis");

    assertThat(failed.path("failed")).hasSize(1);
    assertThat(failed.path("failed").get(0).asText()).contains("rows rejected");
    assertThat(comptoir.ingestion().findLatestVersion(Fixtures.PARCELS)).isEmpty();
    assertThat(comptoir.ingestion().progress("evenements-colis")).isEmpty();

    save("evenements-colis", "", "0.5");
    broker.produce(topic, 1, List.of(parcel(2)));
    JsonNode again = run("evenements-colis");

    assertThat(again.path("failed")).isEmpty();
    assertThat(again.path("runs").get(0).path("rowsRead").asLong()).isEqualTo(3);
    assertThat(rows()).isEqualTo(2);
    assertThat(comptoir.ingestion().progress("evenements-colis"))
        .isEqualTo(Map.of("offset:0", "2", "offset:1", "1"));
  }

  @Test
  void refusesATopicThatDoesNotExistWithAClearError() {
    topic = "absent";
    save("evenements-absents", "", "0");

    Http.Response response = owner.postJson("/api/v1/flows/evenements-absents/runs", "");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorMessage())
        .isEqualTo("kafka topic absent does not exist on " + broker.bootstrapServers());
  }
}

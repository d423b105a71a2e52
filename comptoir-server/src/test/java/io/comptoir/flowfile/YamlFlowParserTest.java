package io.comptoir.flowfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.flow.Controls;
import io.comptoir.flow.FileDropSource;
import io.comptoir.flow.FlowDefinition;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowParser;
import io.comptoir.flow.FlowWriteMode;
import io.comptoir.flow.HttpSource;
import io.comptoir.flow.JdbcSource;
import io.comptoir.flow.KafkaSource;
import io.comptoir.flow.Pagination;
import io.comptoir.flow.UploadSource;
import io.comptoir.ingest.SourceEncoding;
import io.comptoir.ingest.SourceFormat;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlFlowParserTest {
  private final YamlFlowParser parser = new YamlFlowParser();

  private static final String PARTNER_TEMPLATE =
      """
      kind: template
      id: colis-partenaire
      parameters:
        partner:
        delimiter: ";"
      product: colis-suivi
      description: Colis remis par ${partner}
      source:
        kind: file-drop
        directory: inbox/${partner}
        pattern: "${partner}-*.csv"
        delimiter: ${delimiter}
        stable-for: 10s
      write:
        mode: append
      trigger:
        file-arrival: true
      """;

  private FlowDefinition flow(String yaml) {
    return ((FlowParser.ParsedFlow) parser.parse(yaml, id -> Optional.empty())).definition();
  }

  private FlowParser.ParsedFlow withTemplate(String yaml) {
    return (FlowParser.ParsedFlow)
        parser.parse(
            yaml,
            id ->
                id.value().equals("colis-partenaire")
                    ? Optional.of(PARTNER_TEMPLATE)
                    : Optional.empty());
  }

  @Test
  void readsAFileDropFlowWithEverySection() {
    FlowDefinition flow =
        flow(
            """
            id: colis-dpd
            product: colis-suivi
            description: Fichiers DPD
            source:
              kind: file-drop
              directory: /srv/depot/dpd
              pattern: "*.csv.gz"
              format: csv
              delimiter: tab
              header: false
              encoding: latin1
              decimal-separator: ","
              stable-for: PT30S
              marker-suffix: .done
            write:
              mode: merge
              keys: [colis_id]
            trigger:
              cron: "*/15 * * * *"
              file-arrival: true
            controls:
              tolerated-reject-rate: 0.05
              schema-drift: quarantine
            retries:
              max: 5
              backoff: 2m
            alerts:
              webhook: http://127.0.0.1:9000/alerts
            """);

    assertThat(flow.id()).isEqualTo(FlowId.of("colis-dpd"));
    assertThat(flow.product()).isEqualTo(ProductId.of("colis-suivi"));
    assertThat(flow.description()).isEqualTo("Fichiers DPD");
    FileDropSource source = (FileDropSource) flow.source();
    assertThat(source.directory()).isEqualTo("/srv/depot/dpd");
    assertThat(source.pattern()).isEqualTo("*.csv.gz");
    assertThat(source.options().format()).contains(SourceFormat.CSV);
    assertThat(source.options().delimiter()).contains('\t');
    assertThat(source.options().header()).isFalse();
    assertThat(source.options().encoding()).isEqualTo(SourceEncoding.ISO_8859_1);
    assertThat(source.options().decimalSeparator()).isEqualTo(',');
    assertThat(source.stableFor()).isEqualTo(Duration.ofSeconds(30));
    assertThat(source.markerSuffix()).contains(".done");
    assertThat(flow.write().mode()).isEqualTo(FlowWriteMode.MERGE);
    assertThat(flow.write().keys()).containsExactly("colis_id");
    assertThat(flow.trigger().cron()).contains("*/15 * * * *");
    assertThat(flow.trigger().fileArrival()).isTrue();
    assertThat(flow.controls().toleratedRejectRate()).contains(0.05);
    assertThat(flow.controls().schemaDrift()).isEqualTo(Controls.SchemaDriftPolicy.QUARANTINE);
    assertThat(flow.retries().max()).isEqualTo(5);
    assertThat(flow.retries().backoff()).isEqualTo(Duration.ofMinutes(2));
    assertThat(flow.alerts().webhook()).contains(URI.create("http://127.0.0.1:9000/alerts"));
  }

  @Test
  void readsEveryKindOfSourceWithItsDefaults() {
    JdbcSource jdbc =
        (JdbcSource)
            flow("""
                    id: clients-pg
                    product: clients
                    source: {kind: jdbc, url: "jdbc:postgresql://127.0.0.1:5432/test", user: postgres,
                             password-env: PG_PASSWORD, table: public.clients, watermark: updated_at}
                    """)
                .source();
    KafkaSource kafka =
        (KafkaSource)
            flow("""
                    id: evenements
                    product: colis-suivi
                    source: {kind: kafka, bootstrap-servers: "127.0.0.1:9092", topic: colis.evenements}
                    """)
                .source();
    HttpSource http =
        (HttpSource)
            flow("""
                    id: bureaux
                    product: bureaux
                    source:
                      kind: http
                      url: http://127.0.0.1:8081/bureaux
                      items: /data
                      headers: {Authorization: "Bearer ${env:BUREAUX_TOKEN}"}
                      pagination: {kind: page, parameter: page, size-parameter: per_page, size: 50}
                    """)
                .source();
    UploadSource upload =
        (UploadSource)
            flow("id: depot\nproduct: colis-suivi\nsource: {kind: upload, delimiter: ';'}\n")
                .source();

    assertThat(jdbc.table()).contains("public.clients");
    assertThat(jdbc.passwordVariable()).contains("PG_PASSWORD");
    assertThat(jdbc.watermarkColumn()).contains("updated_at");
    assertThat(jdbc.fetchSize()).isEqualTo(1000);
    assertThat(kafka.topic()).isEqualTo("colis.evenements");
    assertThat(kafka.maxRecords()).isEqualTo(10_000);
    assertThat(kafka.maxWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(http.items()).isEqualTo("/data");
    assertThat(http.headers()).containsEntry("Authorization", "Bearer ${env:BUREAUX_TOKEN}");
    assertThat(http.pagination())
        .isEqualTo(new Pagination(Pagination.Kind.PAGE, "page", "per_page", 50, ""));
    assertThat(upload.options().delimiter()).contains(';');
  }

  @Test
  void namesTheLineAndKeyOfEveryProblem() {
    assertThatThrownBy(
            () ->
                flow(
                    """
                    id: colis-dpd
                    product: colis-suivi
                    source:
                      kind: file-drop
                      directory: inbox/dpd
                      patern: "*.csv"
                      stable-for: bientôt
                    write:
                      mode: merge
                    trigger:
                      cron: "every minute"
                    """))
        .isInstanceOf(ComptoirException.class)
        .hasMessageStartingWith("the flow document is not valid: ")
        .hasMessageContaining(
            "line 6, source.patern: unknown key (known here: kind, directory, pattern")
        .hasMessageContaining(
            "line 7, source.stable-for: expected a duration such as 30s, 5m, 1h or PT30S, got 'bientôt'")
        .hasMessageContaining("line 9, write: write mode merge needs keys")
        .hasMessageContaining("line 11, trigger.cron: not a cron expression of 5 fields");
  }

  @Test
  void saysWhatIsMissing() {
    assertThatThrownBy(() -> flow("description: rien\n"))
        .hasMessageContaining("line 1, id: missing (required)")
        .hasMessageContaining("line 1, product: missing (required)")
        .hasMessageContaining("line 1, source: missing (required)");
    assertThatThrownBy(() -> flow("id: a\nproduct: b\nsource:\n  kind: ftp\n"))
        .hasMessageContaining(
            "line 4, source.kind: must be file-drop, jdbc, kafka, http or upload, got 'ftp'");
    assertThatThrownBy(() -> flow("id: a\nproduct: b\nsource: {kind: jdbc, url: 'jdbc:x'}\n"))
        .hasMessageContaining("line 3, source: a jdbc source needs either a table or a query");
  }

  @Test
  void refusesMalformedYamlWithItsLine() {
    assertThatThrownBy(() -> flow("id: a\nproduct: [b\nsource: c\n"))
        .isInstanceOf(ComptoirException.class)
        .hasMessageStartingWith("line ")
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> flow("id: a\nid: b\n")).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> flow("- a\n- b\n"))
        .hasMessage("line 1: a flow document is a mapping of keys (id:, product:, source: ...)");
    assertThatThrownBy(() -> flow("base: &base {kind: upload}\nid: a\nproduct: b\nsource: *base\n"))
        .isInstanceOf(ComptoirException.class);
  }

  @Test
  void refusesAScheduleForAnUploadFlow() {
    assertThatThrownBy(
            () ->
                flow("id: a\nproduct: b\nsource: {kind: upload}\ntrigger: {cron: \"0 * * * *\"}\n"))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("a flow whose source is upload runs on each file uploaded to it");
  }

  @Test
  void fillsATemplateWithParametersAndOverrides() {
    FlowParser.ParsedFlow parsed =
        withTemplate(
            """
            id: colis-dpd
            template: colis-partenaire
            parameters:
              partner: dpd
            write:
              mode: overwrite
            """);

    FlowDefinition flow = parsed.definition();
    FileDropSource source = (FileDropSource) flow.source();
    assertThat(parsed.template()).contains(FlowId.of("colis-partenaire"));
    assertThat(flow.id()).isEqualTo(FlowId.of("colis-dpd"));
    assertThat(flow.description()).isEqualTo("Colis remis par dpd");
    assertThat(source.directory()).isEqualTo("inbox/dpd");
    assertThat(source.pattern()).isEqualTo("dpd-*.csv");
    assertThat(source.options().delimiter()).contains(';');
    assertThat(source.stableFor()).isEqualTo(Duration.ofSeconds(10));
    assertThat(flow.write().mode()).isEqualTo(FlowWriteMode.OVERWRITE);
    assertThat(flow.trigger().fileArrival()).isTrue();
    assertThat(parser.parseResolved(parsed.resolved())).isEqualTo(flow);
    assertThat(parsed.resolved()).doesNotContain("template").doesNotContain("${");
  }

  @Test
  void checksTheParametersOfATemplate() {
    assertThatThrownBy(() -> withTemplate("id: a\ntemplate: colis-partenaire\n"))
        .hasMessageContaining("parameters.partner: missing: template colis-partenaire needs it");
    assertThatThrownBy(
            () ->
                withTemplate(
                    "id: a\ntemplate: colis-partenaire\nparameters: {partner: x, region: idf}\n"))
        .hasMessageContaining(
            "line 3, parameters.region: template colis-partenaire has no such parameter (it has: partner, delimiter)");
    assertThatThrownBy(() -> withTemplate("id: a\ntemplate: inconnu\n"))
        .hasMessage("line 2, template: no template 'inconnu': save it first (kind: template)");
  }

  @Test
  void checksATemplateOnItsOwn() {
    FlowParser.Parsed parsed = parser.parse(PARTNER_TEMPLATE, id -> Optional.empty());

    assertThat(parsed).isInstanceOf(FlowParser.ParsedTemplate.class);
    assertThat(((FlowParser.ParsedTemplate) parsed).parameters())
        .containsExactly("partner", "delimiter");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "kind: template\nid: t\nparameters: [a]\nproduct: ${a}\nsource: {kind: upload, delimiter: '${b}'}\n",
                    id -> Optional.empty()))
        .hasMessageContaining("line 5, ${b}: not a declared parameter");
  }

  @Test
  void refusesParametersWithoutTemplate() {
    assertThatThrownBy(
            () -> flow("id: a\nproduct: b\nparameters: {x: 1}\nsource: {kind: upload}\n"))
        .hasMessageContaining("line 3, parameters: parameters need a template to fill");
  }

  @Test
  void keepsTheEffectiveDocumentOfAPlainFlow() {
    String yaml =
        "id: a\nproduct: b\nsource: {kind: kafka, bootstrap-servers: 'h:1', topic: t, max-wait: 5s}\n";
    FlowParser.ParsedFlow parsed =
        (FlowParser.ParsedFlow) parser.parse(yaml, id -> Optional.empty());

    assertThat(parser.parseResolved(parsed.resolved())).isEqualTo(parsed.definition());
    assertThat(List.of(parsed.resolved().split("\n"))).contains("id: a", "product: b");
  }
}

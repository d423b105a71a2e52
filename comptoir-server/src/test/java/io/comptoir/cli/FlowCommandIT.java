package io.comptoir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code comptoir flow apply|list|show} on a real data directory. */
class FlowCommandIT {
  @TempDir Path directory;

  private CliHarness cli;

  @BeforeEach
  void seed() {
    cli = new CliHarness(directory);
    try (Comptoir comptoir =
        Comptoir.open(Fixtures.configuration(directory.resolve("data"), Map.of()))) {
      Fixtures.seed(comptoir.catalog());
    }
    Fixtures.write(
        directory.resolve("template.yaml"),
        """
        kind: template
        id: colis-partenaire
        parameters: [partner]
        product: colis-suivi
        source: {kind: file-drop, directory: "inbox/${partner}"}
        """);
    Fixtures.write(
        directory.resolve("dpd.yaml"),
        "id: colis-dpd\ntemplate: colis-partenaire\nparameters: {partner: dpd}\n");
  }

  @Test
  void appliesTemplatesAndFlowsThenListsAndShowsThem() {
    CliHarness.Result applied =
        cli.run("flow", "apply", "template.yaml", "dpd.yaml", "--data-dir=data");
    CliHarness.Result again = cli.run("flow", "apply", "dpd.yaml", "--data-dir=data");
    CliHarness.Result list = cli.run("flow", "list", "--data-dir=data");
    CliHarness.Result resolved =
        cli.run("flow", "show", "colis-dpd", "--resolved", "--data-dir=data");
    CliHarness.Result asWritten = cli.run("flow", "show", "colis-dpd", "--data-dir=data");

    assertThat(applied.code()).as(applied.err()).isZero();
    assertThat(applied.err())
        .contains("template colis-partenaire: saved as version 1")
        .contains("flow colis-dpd: saved as version 1");
    assertThat(again.err()).contains("flow colis-dpd: unchanged, still version 1");
    assertThat(list.out()).contains("colis-dpd").contains("colis-suivi").contains("2 flow(s)");
    assertThat(resolved.out()).contains("directory: inbox/dpd").doesNotContain("template:");
    assertThat(asWritten.out()).contains("template: colis-partenaire");
  }

  @Test
  void refusesAKeyThatIsNotAColumnOfTheProductWithItsLine() {
    Fixtures.write(
        directory.resolve("keys.yaml"),
        "id: par-cle\nproduct: colis-suivi\nsource: {kind: upload}\n"
            + "write: {mode: merge, keys: [numero]}\n");

    CliHarness.Result result = cli.run("flow", "apply", "keys.yaml", "--data-dir=data");

    assertThat(result.code()).isEqualTo(CliErrors.INVALID_INPUT);
    assertThat(result.err().strip())
        .doesNotContain("\n")
        .contains("keys.yaml")
        .contains("line 4, write.keys: 'numero' is not a column of product colis-suivi");
    assertThat(cli.run("flow", "show", "par-cle", "--data-dir=data").code())
        .isEqualTo(CliErrors.NOT_FOUND);
  }

  @Test
  void reportsAnInvalidDocumentOnOneLineWithTheFileAndTheLine() {
    Fixtures.write(
        directory.resolve("bad.yaml"), "id: bad\nproduct: colis-suivi\nsource: {kind: ftp}\n");

    CliHarness.Result result = cli.run("flow", "apply", "bad.yaml", "--data-dir=data");
    CliHarness.Result missing = cli.run("flow", "apply", "nothing.yaml", "--data-dir=data");
    CliHarness.Result unknown = cli.run("flow", "show", "inconnu", "--data-dir=data");

    assertThat(result.code()).isEqualTo(CliErrors.INVALID_INPUT);
    assertThat(result.err().strip())
        .doesNotContain("\n")
        .contains("bad.yaml")
        .contains("line 3, source.kind: must be file-drop, jdbc, kafka, http or upload, got 'ftp'");
    assertThat(missing.code()).isEqualTo(CliErrors.INVALID_INPUT);
    assertThat(cli.run("flow", "show", "bad", "--data-dir=data").code())
        .isEqualTo(CliErrors.NOT_FOUND);
    assertThat(missing.err()).contains("no such file: nothing.yaml");
    assertThat(unknown.code()).isEqualTo(CliErrors.NOT_FOUND);
  }
}

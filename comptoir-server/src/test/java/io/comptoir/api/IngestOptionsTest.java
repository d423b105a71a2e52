package io.comptoir.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.ingest.DuplicatePolicy;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.SourceEncoding;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.WriteMode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngestOptionsTest {
  private static final ProductId PRODUCT = ProductId.of("colis");
  private static final Path FILE = Path.of("/tmp/in.csv");

  @Test
  void defaultsToDetectionOverwriteAndRejectingDuplicates() {
    IngestionRequest request = IngestOptions.defaults().toRequest(PRODUCT, FILE, "in.csv");

    assertThat(request.options().format()).isEmpty();
    assertThat(request.options().delimiter()).isEmpty();
    assertThat(request.options().header()).isTrue();
    assertThat(request.mode()).isEqualTo(WriteMode.OVERWRITE);
    assertThat(request.duplicates()).isEqualTo(DuplicatePolicy.REJECT);
    assertThat(request.toleratedRejectRate()).isEmpty();
    assertThat(request.sourceName()).isEqualTo("in.csv");
  }

  @Test
  void parsesEveryOptionAsPeopleTypeIt() {
    IngestionRequest request =
        new IngestOptions(
                Optional.of("CSV"),
                Optional.of("tab"),
                Optional.of(","),
                Optional.of("latin1"),
                Optional.of(false),
                Optional.of("Append"),
                Optional.empty(),
                Optional.of(true),
                Optional.of(0.2))
            .toRequest(PRODUCT, FILE, "in.csv");

    assertThat(request.options().format()).contains(SourceFormat.CSV);
    assertThat(request.options().delimiter()).contains('\t');
    assertThat(request.options().decimalSeparator()).isEqualTo(',');
    assertThat(request.options().encoding()).isEqualTo(SourceEncoding.ISO_8859_1);
    assertThat(request.options().header()).isFalse();
    assertThat(request.mode()).isEqualTo(WriteMode.APPEND);
    assertThat(request.duplicates()).isEqualTo(DuplicatePolicy.FORCE);
    assertThat(request.toleratedRejectRate()).contains(0.2);
  }

  @Test
  void takesTheKeysOfMergeAndScd2SeparatedByCommas() {
    IngestionRequest request =
        new IngestOptions(
                null,
                null,
                null,
                null,
                null,
                Optional.of("scd2"),
                Optional.of("id, site"),
                null,
                null)
            .toRequest(PRODUCT, FILE, "in.csv");

    assertThat(request.mode()).isEqualTo(WriteMode.SCD2);
    assertThat(request.keys()).containsExactly("id", "site");
    assertThatThrownBy(
            () ->
                new IngestOptions(
                        null, null, null, null, null, Optional.of("merge"), null, null, null)
                    .toRequest(PRODUCT, FILE, "in.csv"))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("write mode merge needs keys: the columns that identify a row");
    assertThatThrownBy(
            () ->
                new IngestOptions(null, null, null, null, null, null, Optional.of("id"), null, null)
                    .toRequest(PRODUCT, FILE, "in.csv"))
        .hasMessage("keys are only used by the merge and scd2 write modes, not overwrite");
  }

  @Test
  void readsTheKeysOfAnImportAsAList() {
    IngestionJson.ImportJson body =
        Json.read(
            Json.mapper(),
            new java.io.ByteArrayInputStream(
                "{\"path\": \"a.csv\", \"mode\": \"merge\", \"keys\": [\"id\", \"site\"]}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            IngestionJson.ImportJson.class);

    IngestionRequest request = body.options().toRequest(PRODUCT, FILE, "a.csv");

    assertThat(request.mode()).isEqualTo(WriteMode.MERGE);
    assertThat(request.keys()).containsExactly("id", "site");
  }

  @Test
  void acceptsEncodingNamesWithDashes() {
    assertThat(IngestOptions.parseEncoding("utf-8")).isEqualTo(SourceEncoding.UTF_8);
    assertThat(IngestOptions.parseEncoding("windows-1252")).isEqualTo(SourceEncoding.WINDOWS_1252);
    assertThat(IngestOptions.parseEncoding("iso-8859-1")).isEqualTo(SourceEncoding.ISO_8859_1);
  }

  @Test
  void rejectsBadValuesNamingTheOptionAndTheChoices() {
    assertThatThrownBy(() -> IngestOptions.parseFormat("xlsx"))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("format must be one of csv, jsonl, parquet, got 'xlsx'");
    assertThatThrownBy(() -> IngestOptions.parseMode("upsert"))
        .hasMessage("mode must be one of append, overwrite, merge, scd2, got 'upsert'");
    assertThatThrownBy(() -> IngestOptions.parseEncoding("ebcdic"))
        .hasMessage("encoding must be one of auto, utf-8, iso-8859-1, windows-1252, got 'ebcdic'");
    assertThatThrownBy(() -> IngestOptions.parseDelimiter("::"))
        .hasMessage("delimiter must be one character or 'tab', got '::'");
    assertThatThrownBy(() -> IngestOptions.parseDecimalSeparator(";"))
        .hasMessage("decimal separator must be '.' or ',', got ';'");
  }

  @Test
  void rejectsARateOutsideZeroToOne() {
    IngestOptions options =
        new IngestOptions(null, null, null, null, null, null, null, null, Optional.of(1.5));

    assertThatThrownBy(() -> options.toRequest(PRODUCT, FILE, "in.csv"))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("tolerated reject rate must be between 0 and 1, got 1.5");
  }

  @Test
  void reducesUploadFileNamesToADisplayName() {
    assertThat(Uploads.displayName(null)).isEqualTo("upload");
    assertThat(Uploads.displayName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(Uploads.displayName("C:\\Users\\me\\ventes.csv")).isEqualTo("ventes.csv");
    assertThat(Uploads.displayName("a\nb.csv")).isEqualTo("ab.csv");
    assertThat(Uploads.displayName("   ")).isEqualTo("upload");
  }
}

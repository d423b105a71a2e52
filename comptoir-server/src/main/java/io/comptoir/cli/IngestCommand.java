package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.api.IngestOptions;
import io.comptoir.catalog.ProductId;
import io.comptoir.ingest.IngestionRequest;
import io.comptoir.ingest.IngestionRun;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.server.Comptoir;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "ingest",
    description = {
      "Ingests a file (CSV, JSON lines or Parquet, optionally gzip) into a new version of a"
          + " product.",
      "Every row read is either accepted or quarantined; above the tolerated reject rate no"
          + " version is created."
    },
    sortOptions = false)
final class IngestCommand implements Callable<Integer> {
  private final CliContext context;

  @ParentCommand ComptoirCommand parent;

  @Parameters(index = "0", paramLabel = "PRODUCT", description = "Product id.")
  String product;

  @Parameters(index = "1", paramLabel = "FILE", description = "File to ingest.")
  String file;

  @Option(names = "--format", paramLabel = "FORMAT", description = "csv, jsonl or parquet.")
  String format;

  @Option(
      names = "--delimiter",
      paramLabel = "CHAR",
      description = "CSV delimiter, one character or 'tab'.")
  String delimiter;

  @Option(names = "--decimal-separator", paramLabel = "CHAR", description = "'.' (default) or ','.")
  String decimalSeparator;

  @Option(
      names = "--encoding",
      paramLabel = "ENCODING",
      description = "auto (default), utf-8, iso-8859-1 or windows-1252.")
  String encoding;

  @Option(names = "--no-header", description = "The CSV file has no header line.")
  boolean noHeader;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = "overwrite (default), append, merge or scd2.")
  String mode;

  @Option(
      names = "--keys",
      paramLabel = "COLUMNS",
      description = "Key columns of merge and scd2, separated by commas.")
  String keys;

  @Option(names = "--force", description = "Ingest again a file that was already ingested.")
  boolean force;

  @Option(
      names = "--tolerated-reject-rate",
      paramLabel = "RATE",
      description = "Share of quarantined rows tolerated, 0 to 1.")
  Double toleratedRejectRate;

  @Option(
      names = "--progress",
      description = "Draws a progress bar on stderr even when it is not a terminal.")
  boolean progress;

  IngestCommand(CliContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public Integer call() {
    Path source = context.workingDirectory().resolve(file).normalize();
    IngestionRequest request =
        new IngestOptions(
                Optional.ofNullable(format),
                Optional.ofNullable(delimiter),
                Optional.ofNullable(decimalSeparator),
                Optional.ofNullable(encoding),
                noHeader ? Optional.of(false) : Optional.empty(),
                Optional.ofNullable(mode),
                Optional.ofNullable(keys),
                Optional.of(force),
                Optional.ofNullable(toleratedRejectRate))
            .toRequest(ProductId.of(product), source, String.valueOf(source.getFileName()));
    try (Comptoir comptoir = Comptoir.open(parent.configuration(Map.of()))) {
      IngestionRun run = ingest(comptoir, request);
      print(run, context.out());
    }
    return 0;
  }

  private IngestionRun ingest(Comptoir comptoir, IngestionRequest request) {
    if (!progress && context.terminal() == CliContext.Terminal.NONE) {
      return comptoir.ingestion().ingest(request, ProgressListener.NONE);
    }
    ProgressBar bar = new ProgressBar(context.err());
    try {
      return comptoir.ingestion().ingest(request, bar);
    } finally {
      bar.finish();
    }
  }

  private static void print(IngestionRun run, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "ingested %s into %s: version %d%n",
        run.source(),
        run.product(),
        run.versionNumber().orElse(0));
    out.printf(
        Locale.ROOT,
        "rows read %d = accepted %d + quarantined %d%n",
        run.rowsRead(),
        run.rowsAccepted(),
        run.rowsQuarantined());
    run.quarantineCounts()
        .forEach(
            count ->
                out.printf(
                    Locale.ROOT,
                    "  quarantined %d row(s): %s%s%n",
                    count.rows(),
                    count.errorType(),
                    count.column().isEmpty() ? "" : " on " + count.column()));
    long millis =
        run.finishedAt().map(end -> Duration.between(run.startedAt(), end).toMillis()).orElse(0L);
    out.printf(Locale.ROOT, "run %s in %.1f s%n", run.id(), millis / 1000.0);
    out.flush();
  }
}

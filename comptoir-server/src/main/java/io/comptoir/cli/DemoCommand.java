package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.demo.DemoData;
import io.comptoir.demo.DemoResult;
import io.comptoir.demo.DemoUsers;
import io.comptoir.identity.Role;
import io.comptoir.identity.User;
import io.comptoir.ingest.ProgressListener;
import io.comptoir.server.Comptoir;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "demo",
    description = {
      "Loads the demo catalog and its data (fictitious people generated with a fixed seed, and"
          + " the real La Poste postcodes) into the data directory, then serves it.",
      "Idempotent: products that already have a version are skipped. The generated files stay"
          + " in <data-dir>/demo.",
      "Also creates one user per role (camille.consommatrice, olivier.proprietaire,"
          + " sophie.steward, denis.dpo, lea.juriste, dora.dataoffice, alice.admin) with the"
          + " password comptoir-demo, when they do not exist yet."
    },
    sortOptions = false)
final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  @ParentCommand ComptoirCommand parent;

  @Option(names = "--no-serve", description = "Only loads the demo, then exits.")
  boolean noServe;

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (key http-port).")
  Integer port;

  @Option(names = "--host", paramLabel = "HOST", description = "HTTP address (key http-host).")
  String host;

  @Option(
      names = "--progress",
      description = "Draws a progress bar on stderr even when it is not a terminal.")
  boolean progress;

  DemoCommand(CliContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public Integer call() throws InterruptedException {
    try (Comptoir comptoir =
        Comptoir.open(parent.configuration(ServeCommand.httpOptions(port, host)))) {
      print(load(comptoir), context.out());
      io.comptoir.demo.DemoLineage.record(
          comptoir.lineage().service(), comptoir.catalog().clock().instant());
      printUsers(DemoUsers.create(comptoir.identities()), context.out());
      io.comptoir.demo.DemoStanding.Result standing =
          io.comptoir.demo.DemoStanding.load(
              comptoir.glossary(), comptoir.standing(), comptoir.catalog().clock());
      context
          .out()
          .printf(
              Locale.ROOT,
              "demo glossary: %d term(s) created; %d product(s) certified%n",
              standing.termsCreated(),
              standing.certified());
      context.out().flush();
      if (!noServe) {
        Serving.serve(comptoir, context);
      }
    }
    return 0;
  }

  private DemoResult load(Comptoir comptoir) {
    context.out().println("loading the demo into " + comptoir.dataDirectory() + " ...");
    context.out().flush();
    if (!progress && context.terminal() == CliContext.Terminal.NONE) {
      return DemoData.load(
          comptoir.catalog(),
          comptoir.ingestion(),
          comptoir.dataDirectory().resolve("demo"),
          ProgressListener.NONE,
          (product, rules) -> comptoir.quality().install(product, rules, "demo"));
    }
    ProgressBar bar = new ProgressBar(context.err());
    try {
      return DemoData.load(
          comptoir.catalog(),
          comptoir.ingestion(),
          comptoir.dataDirectory().resolve("demo"),
          bar,
          (product, rules) -> comptoir.quality().install(product, rules, "demo"));
    } finally {
      bar.finish();
    }
  }

  private static void printUsers(int created, PrintWriter out) {
    out.printf(
        Locale.ROOT, "demo users (%d created, password '%s'):%n", created, DemoUsers.PASSWORD);
    for (User user : DemoUsers.USERS) {
      out.printf(
          Locale.ROOT,
          "  %-24s %-14s %s%n",
          user.username(),
          user.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")),
          user.entity());
    }
    out.flush();
  }

  private static void print(DemoResult result, PrintWriter out) {
    for (DemoResult.ProductLoad load : result.products()) {
      out.printf(
          Locale.ROOT,
          "  %-28s version %-3d %,12d rows %s%n",
          load.product(),
          load.version(),
          load.rows(),
          load.outcome() == DemoResult.Outcome.INGESTED
              ? String.format(
                  Locale.ROOT,
                  "ingested in %.1f s (%d quarantined)",
                  load.ingestion().toMillis() / 1000.0,
                  load.rowsQuarantined())
              : "already loaded");
    }
    out.printf(
        Locale.ROOT,
        "demo loaded: %d entities, %d domains, %d products, %d version(s) created with %,d rows,"
            + " %d already loaded, in %.1f s%n",
        result.entities(),
        result.domains(),
        result.productCount(),
        result.versionsCreated(),
        result.rowsIngested(),
        result.productsSkipped(),
        result.elapsed().toMillis() / 1000.0);
    out.flush();
  }
}

package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.ingest.Version;
import io.comptoir.server.Comptoir;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "versions", description = "Lists the versions of a product, newest first.")
final class VersionsCommand implements Callable<Integer> {
  private final CliContext context;

  @ParentCommand ComptoirCommand parent;

  @Parameters(index = "0", paramLabel = "PRODUCT", description = "Product id.")
  String product;

  VersionsCommand(CliContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public Integer call() {
    ProductId id = ProductId.of(product);
    try (Comptoir comptoir = Comptoir.open(parent.configuration(Map.of()))) {
      DataProduct loaded = comptoir.catalog().loadProduct(id);
      print(loaded, comptoir.ingestion().listVersions(loaded.id()), context.out());
    }
    return 0;
  }

  private static void print(DataProduct product, List<Version> versions, PrintWriter out) {
    if (versions.isEmpty()) {
      out.printf("%s has no version yet%n", product.id());
      out.flush();
      return;
    }
    String format = "%-8s %-28s %12s %14s %-9s %s%n";
    out.printf(Locale.ROOT, format, "VERSION", "CREATED", "ROWS", "BYTES", "MODE", "FILES");
    for (Version version : versions) {
      out.printf(
          Locale.ROOT,
          format,
          version.number(),
          version.createdAt(),
          version.rowCount(),
          version.bytes(),
          version.mode().name().toLowerCase(Locale.ROOT),
          version.files().size());
    }
    out.flush();
  }
}

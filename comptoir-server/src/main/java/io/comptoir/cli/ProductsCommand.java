package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductQuery;
import io.comptoir.common.Page;
import io.comptoir.common.PageRequest;
import io.comptoir.server.Comptoir;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "products", description = "Lists data products.", sortOptions = false)
final class ProductsCommand implements Callable<Integer> {
  private final CliContext context;

  @ParentCommand ComptoirCommand parent;

  @Option(names = "--entity", paramLabel = "CODE", description = "Only this entity's products.")
  String entity;

  @Option(names = "--domain", paramLabel = "ID", description = "Only this domain's products.")
  String domain;

  @Option(names = "--tag", paramLabel = "TAG", description = "Only products with this tag.")
  String tag;

  @Option(
      names = "--classification",
      paramLabel = "CLASSIFICATION",
      description = "Only products of this classification: ${COMPLETION-CANDIDATES}.")
  Classification classification;

  @Option(names = "--offset", paramLabel = "N", description = "Products to skip.")
  int offset;

  @Option(names = "--limit", paramLabel = "N", description = "Products to list (default 50).")
  int limit = PageRequest.DEFAULT_LIMIT;

  ProductsCommand(CliContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public Integer call() {
    ProductQuery query =
        new ProductQuery(
            Optional.ofNullable(entity),
            Optional.ofNullable(domain),
            Optional.ofNullable(tag),
            Optional.ofNullable(classification),
            new PageRequest(offset, limit));
    try (Comptoir comptoir = Comptoir.open(parent.configuration(Map.of()))) {
      print(comptoir.catalog().listProducts(query), context.out());
    }
    return 0;
  }

  private static void print(Page<DataProduct> page, PrintWriter out) {
    String format = "%-32s %-8s %-16s %-12s %s%n";
    out.printf(Locale.ROOT, format, "ID", "ENTITY", "DOMAIN", "CLASS", "TITLE");
    for (DataProduct product : page.items()) {
      out.printf(
          Locale.ROOT,
          format,
          product.id(),
          product.entity(),
          product.domain(),
          product.classification(),
          product.title());
    }
    out.printf(Locale.ROOT, "%d of %d product(s)%n", page.items().size(), page.total());
    out.flush();
  }
}

package io.comptoir.web;

import io.comptoir.api.Services;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.ProductId;
import io.comptoir.identity.Principal;
import io.comptoir.lineage.LineageGraph;
import io.comptoir.lineage.LineageGraph.Node;
import io.comptoir.lineage.LineageGraph.NodeKind;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lineage of a product, drawn server-side as SVG (no script, strict CSP): the product page
 * loads it with htmx. Layers go left to right, upstream first; each column holds the nodes at one
 * distance from the product. The column edges are listed below the drawing.
 */
final class LineagePages {
  static final int DEPTH = 3;
  static final int BOX_WIDTH = 200;
  static final int BOX_HEIGHT = 44;
  static final int COLUMN_GAP = 70;
  static final int ROW_GAP = 18;
  static final int MARGIN = 8;
  static final int LABEL_LENGTH = 28;

  /** A node placed in the drawing. */
  record Box(
      String id,
      String kind,
      int x,
      int y,
      String label,
      String detail,
      String title,
      String href,
      boolean current) {
    int textX() {
      return x + 8;
    }

    int labelY() {
      return y + 18;
    }

    int detailY() {
      return y + 34;
    }
  }

  /** An edge as an SVG path. */
  record Line(String path) {}

  /** A column edge, with its datasets named. */
  record ColumnRow(
      String from, String fromField, String to, String toField, String transformation) {}

  record LineageView(
      DataProduct product,
      int width,
      int height,
      List<Box> boxes,
      List<Line> lines,
      List<ColumnRow> columns) {
    boolean empty() {
      return lines.isEmpty();
    }

    String viewBox() {
      return "0 0 " + width + " " + height;
    }
  }

  private final Pages pages;
  private final Services services;

  LineagePages(Pages pages, Services services) {
    this.pages = pages;
    this.services = services;
  }

  void register(RoutesConfig routes) {
    routes.get("/products/{id}/lineage", this::lineage);
  }

  private void lineage(Context context) {
    Principal principal = Web.signedIn(context);
    DataProduct product = services.catalog().loadProduct(ProductId.of(context.pathParam("id")));
    LineageGraph graph =
        services
            .lineage()
            .service()
            .graph(
                principal, services.lineage().service().productDataset(product.id()), DEPTH, true);
    pages.render(context, "product_lineage.jte", Map.of("view", draw(product, graph)));
  }

  static LineageView draw(DataProduct product, LineageGraph graph) {
    Map<Integer, List<Node>> layers = new TreeMap<>();
    for (Node node : graph.nodes()) {
      layers.computeIfAbsent(node.layer(), l -> new ArrayList<>()).add(node);
    }
    Map<String, Box> boxes = new LinkedHashMap<>();
    Map<String, String> names = new HashMap<>();
    int column = 0;
    int tallest = 0;
    for (List<Node> layer : layers.values()) {
      int row = 0;
      for (Node node : layer) {
        int x = MARGIN + column * (BOX_WIDTH + COLUMN_GAP);
        int y = MARGIN + row * (BOX_HEIGHT + ROW_GAP);
        boolean current = node.product().map(p -> p.equals(product.id().value())).orElse(false);
        String kind =
            node.kind() == NodeKind.RESTRICTED
                ? "restricted"
                : node.kind() == NodeKind.JOB
                    ? "job"
                    : node.product().isPresent() ? "product" : "dataset";
        String title =
            node.kind() == NodeKind.RESTRICTED ? "" : node.namespace() + " · " + node.name();
        boxes.put(
            node.id(),
            new Box(
                node.id(),
                kind,
                x,
                y,
                shorten(node.name()),
                shorten(node.namespace()),
                title,
                node.product().map(p -> "/products/" + p).orElse(""),
                current));
        names.put(node.id(), node.name().isEmpty() ? node.id() : node.name());
        row++;
      }
      tallest = Math.max(tallest, row);
      column++;
    }
    List<Line> lines = new ArrayList<>();
    for (LineageGraph.Edge edge : graph.edges()) {
      Box from = boxes.get(edge.from());
      Box to = boxes.get(edge.to());
      if (from == null || to == null) {
        continue;
      }
      int x1 = from.x() + BOX_WIDTH;
      int y1 = from.y() + BOX_HEIGHT / 2;
      int x2 = to.x();
      int y2 = to.y() + BOX_HEIGHT / 2;
      int bend = Math.max(30, Math.abs(x2 - x1) / 2);
      lines.add(
          new Line(
              String.format(
                  Locale.ROOT,
                  "M%d,%d C%d,%d %d,%d %d,%d",
                  x1,
                  y1,
                  x1 + bend,
                  y1,
                  x2 - bend,
                  y2,
                  x2,
                  y2)));
    }
    List<ColumnRow> columns =
        graph.columns().stream()
            .map(
                c ->
                    new ColumnRow(
                        names.getOrDefault(c.from(), c.from()),
                        c.fromField(),
                        names.getOrDefault(c.to(), c.to()),
                        c.toField(),
                        c.transformation()))
            .toList();
    int width = MARGIN * 2 + Math.max(1, column) * (BOX_WIDTH + COLUMN_GAP) - COLUMN_GAP;
    int height = MARGIN * 2 + Math.max(1, tallest) * (BOX_HEIGHT + ROW_GAP) - ROW_GAP;
    return new LineageView(product, width, height, List.copyOf(boxes.values()), lines, columns);
  }

  private static String shorten(String text) {
    return text.length() <= LABEL_LENGTH
        ? text
        : "…" + text.substring(text.length() - LABEL_LENGTH + 1);
  }
}

package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A piece of the lineage graph around a dataset: datasets and jobs, the edges between them (a
 * dataset read by a job, a job writing a dataset) and, when asked, the column edges.
 */
public record LineageGraph(List<Node> nodes, List<Edge> edges, List<ColumnLink> columns) {
  public LineageGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    columns = List.copyOf(columns);
  }

  /** What a node is. */
  public enum NodeKind {
    DATASET,
    JOB,
    /** A product the caller may not see: no name, not walked through. */
    RESTRICTED
  }

  /**
   * A node.
   *
   * @param product the Comptoir product this dataset is, if any
   * @param layer its distance from the start, negative upstream, for drawing
   */
  public record Node(
      String id,
      NodeKind kind,
      String namespace,
      String name,
      Optional<String> product,
      int layer) {
    public Node {
      requireNonNull(id, "id is null");
      requireNonNull(kind, "kind is null");
      requireNonNull(namespace, "namespace is null");
      requireNonNull(name, "name is null");
      requireNonNull(product, "product is null");
    }
  }

  /** From a dataset to the job that read it, or from a job to the dataset it wrote. */
  public record Edge(String from, String to) {}

  /** A column of one dataset node made from a column of another. */
  public record ColumnLink(
      String from, String fromField, String to, String toField, String transformation) {}
}

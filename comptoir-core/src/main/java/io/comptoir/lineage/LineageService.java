package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.Principal;
import io.comptoir.lineage.LineageGraph.ColumnLink;
import io.comptoir.lineage.LineageGraph.Edge;
import io.comptoir.lineage.LineageGraph.Node;
import io.comptoir.lineage.LineageGraph.NodeKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records OpenLineage events (those Comptoir emits and those posted from outside) and walks the
 * graph they make. Comptoir's products are the datasets named by their id in Comptoir's namespace.
 */
public final class LineageService {
  /** Who sent the events Comptoir emits itself. */
  public static final String ORIGIN_COMPTOIR = "comptoir";

  public static final int MAXIMUM_DEPTH = 10;

  private final LineageRepository repository;
  private final ProductVisibility visibility;
  private final LineageForwarding forwarding;
  private final String namespace;
  private final Clock clock;

  /**
   * @param namespace the OpenLineage namespace of Comptoir's products and jobs
   */
  public LineageService(
      LineageRepository repository,
      ProductVisibility visibility,
      LineageForwarding forwarding,
      String namespace,
      Clock clock) {
    this.repository = requireNonNull(repository, "repository is null");
    this.visibility = requireNonNull(visibility, "visibility is null");
    this.forwarding = requireNonNull(forwarding, "forwarding is null");
    this.namespace = requireNonNull(namespace, "namespace is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public String namespace() {
    return namespace;
  }

  /** The dataset a product is. */
  public DatasetRef productDataset(ProductId product) {
    return new DatasetRef(namespace, product.value());
  }

  /** Records an event Comptoir emitted, and forwards it when forwarding is configured. */
  public LineageEvent recordEmitted(Map<String, Object> event) {
    return recordEmittedAll(List.of(event)).get(0);
  }

  /**
   * Records several of Comptoir's own events in one transaction (one commit for all), then forwards
   * each. When storing fails, none is stored and nothing is forwarded.
   */
  public List<LineageEvent> recordEmittedAll(List<Map<String, Object>> events) {
    java.time.Instant now = clock.instant();
    List<String> jsons = new java.util.ArrayList<>(events.size());
    List<LineageEvent> read = new java.util.ArrayList<>(events.size());
    List<LineageRepository.Saved> saved = new java.util.ArrayList<>(events.size());
    for (Map<String, Object> event : events) {
      String json = LineageJson.write(event);
      LineageEvent one = LineageEvent.of(event);
      jsons.add(json);
      read.add(one);
      saved.add(new LineageRepository.Saved(one, json, now, ORIGIN_COMPTOIR));
    }
    repository.saveAll(saved);
    jsons.forEach(forwarding::forward);
    return read;
  }

  /**
   * Records an event received from outside, already checked against the OpenLineage schema.
   *
   * @param json the event as received
   * @param origin who posted it
   */
  public LineageEvent recordReceived(Map<String, Object> event, String json, String origin) {
    LineageEvent read = LineageEvent.of(event);
    if (ORIGIN_COMPTOIR.equals(origin)) {
      throw new IllegalArgumentException("origin " + origin + " is Comptoir's own");
    }
    repository.save(read, json, clock.instant(), origin);
    return read;
  }

  /** Stored events, newest first. */
  public List<LineageRepository.StoredEvent> events(Optional<JobRef> job, int limit) {
    return repository.events(job, limit);
  }

  /**
   * The graph around a dataset, up to {@code depth} jobs away on either side. Products behind an
   * entity wall are drawn as opaque nodes and not walked through; the start itself must be visible.
   */
  public LineageGraph graph(Principal principal, DatasetRef start, int depth, boolean columns) {
    requireNonNull(principal, "principal is null");
    requireNonNull(start, "start is null");
    if (depth < 1 || depth > MAXIMUM_DEPTH) {
      throw ComptoirException.invalidInput("depth must be 1 to %d, got %d", MAXIMUM_DEPTH, depth);
    }
    Walk walk = new Walk(principal);
    Node first = walk.dataset(start, 0);
    if (first.kind() == NodeKind.RESTRICTED) {
      throw new ComptoirException(
          ErrorCode.FORBIDDEN,
          principal.name()
              + " may not see the lineage of product "
              + start.name()
              + ": it stays in its entity");
    }
    Set<DatasetRef> frontier = new LinkedHashSet<>(List.of(start));
    Set<JobRef> jobsSeen = new LinkedHashSet<>();
    for (int step = 0; step < depth && !frontier.isEmpty(); step++) {
      List<JobRef> newJobs = new ArrayList<>();
      for (JobEdge edge : repository.edgesOfDatasets(frontier)) {
        if (!frontier.contains(edge.dataset())) {
          continue;
        }
        int layer = walk.layerOf(edge.dataset()) + (edge.output() ? -1 : 1);
        walk.job(edge.job(), layer);
        walk.link(edge);
        if (jobsSeen.add(edge.job())) {
          newJobs.add(edge.job());
        }
      }
      Set<DatasetRef> next = new LinkedHashSet<>();
      if (!newJobs.isEmpty()) {
        for (JobEdge edge : repository.edgesOfJobs(newJobs)) {
          boolean known = walk.knows(edge.dataset());
          int layer = walk.layerOfJob(edge.job()) + (edge.output() ? 1 : -1);
          Node node = walk.dataset(edge.dataset(), layer);
          walk.link(edge);
          if (!known && node.kind() != NodeKind.RESTRICTED) {
            next.add(edge.dataset());
          }
        }
      }
      frontier = next;
    }
    List<ColumnLink> links = new ArrayList<>();
    if (columns) {
      Set<DatasetRef> visible = walk.visibleDatasets();
      Set<ColumnLink> unique = new LinkedHashSet<>();
      for (ColumnEdge edge : repository.columnEdges(visible)) {
        if (visible.contains(edge.source()) && visible.contains(edge.target())) {
          unique.add(
              new ColumnLink(
                  edge.source().nodeId(),
                  edge.sourceField(),
                  edge.target().nodeId(),
                  edge.targetField(),
                  edge.transformation()));
        }
      }
      links.addAll(unique);
    }
    return new LineageGraph(List.copyOf(walk.nodes.values()), List.copyOf(walk.edges), links);
  }

  /** The nodes and edges found so far by one walk. */
  private final class Walk {
    private final Principal principal;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<DatasetRef, String> datasetIds = new HashMap<>();
    private final Set<Edge> edges = new LinkedHashSet<>();
    private int restricted;

    Walk(Principal principal) {
      this.principal = principal;
    }

    boolean knows(DatasetRef dataset) {
      return datasetIds.containsKey(dataset);
    }

    Node dataset(DatasetRef dataset, int layer) {
      String known = datasetIds.get(dataset);
      if (known != null) {
        return nodes.get(known);
      }
      ProductVisibility.Verdict verdict =
          namespace.equals(dataset.namespace())
              ? visibility.of(principal, dataset.name())
              : ProductVisibility.Verdict.NOT_A_PRODUCT;
      Node node =
          switch (verdict) {
            case RESTRICTED ->
                new Node(
                    "restricted:" + (++restricted),
                    NodeKind.RESTRICTED,
                    "",
                    "",
                    Optional.empty(),
                    layer);
            case VISIBLE ->
                new Node(
                    dataset.nodeId(),
                    NodeKind.DATASET,
                    dataset.namespace(),
                    dataset.name(),
                    Optional.of(dataset.name()),
                    layer);
            case NOT_A_PRODUCT ->
                new Node(
                    dataset.nodeId(),
                    NodeKind.DATASET,
                    dataset.namespace(),
                    dataset.name(),
                    Optional.empty(),
                    layer);
          };
      datasetIds.put(dataset, node.id());
      nodes.put(node.id(), node);
      return node;
    }

    void job(JobRef job, int layer) {
      nodes.putIfAbsent(
          job.nodeId(),
          new Node(
              job.nodeId(), NodeKind.JOB, job.namespace(), job.name(), Optional.empty(), layer));
    }

    int layerOf(DatasetRef dataset) {
      return nodes.get(datasetIds.get(dataset)).layer();
    }

    int layerOfJob(JobRef job) {
      return nodes.get(job.nodeId()).layer();
    }

    void link(JobEdge edge) {
      String dataset = datasetIds.get(edge.dataset());
      if (dataset == null || !nodes.containsKey(edge.job().nodeId())) {
        return;
      }
      edges.add(
          edge.output()
              ? new Edge(edge.job().nodeId(), dataset)
              : new Edge(dataset, edge.job().nodeId()));
    }

    Set<DatasetRef> visibleDatasets() {
      Set<DatasetRef> visible = new LinkedHashSet<>();
      datasetIds.forEach(
          (dataset, id) -> {
            if (nodes.get(id).kind() == NodeKind.DATASET) {
              visible.add(dataset);
            }
          });
      return visible;
    }
  }
}

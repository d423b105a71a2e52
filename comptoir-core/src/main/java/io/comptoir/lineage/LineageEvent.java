package io.comptoir.lineage;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Comptoir keeps from an OpenLineage event to draw the graph: its kind, time, run and job, the
 * datasets it read and wrote and the column edges of its {@code columnLineage} facets. The whole
 * event is kept beside, as JSON.
 *
 * @param eventType START, COMPLETE, FAIL... for run events; empty for dataset and job events
 */
public record LineageEvent(
    Kind kind,
    String eventType,
    Instant eventTime,
    Optional<String> runId,
    Optional<JobRef> job,
    List<DatasetRef> inputs,
    List<DatasetRef> outputs,
    List<ColumnEdge> columnEdges) {

  /** The three event shapes of OpenLineage 2-0-2. */
  public enum Kind {
    RUN,
    DATASET,
    JOB
  }

  public LineageEvent {
    requireNonNull(kind, "kind is null");
    eventType = eventType == null ? "" : eventType;
    requireNonNull(eventTime, "eventTime is null");
    requireNonNull(runId, "runId is null");
    requireNonNull(job, "job is null");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    columnEdges = List.copyOf(columnEdges);
  }

  /** The job's edges to the datasets it read and wrote. */
  public List<JobEdge> jobEdges() {
    if (job.isEmpty()) {
      return List.of();
    }
    List<JobEdge> edges = new ArrayList<>();
    inputs.forEach(d -> edges.add(new JobEdge(job.get(), d, false)));
    outputs.forEach(d -> edges.add(new JobEdge(job.get(), d, true)));
    return edges;
  }

  /**
   * Reads an event already checked against the OpenLineage schema (as parsed JSON: maps, lists,
   * strings, numbers and booleans). Checks again what the graph needs, so that a bad event is
   * refused with INVALID_INPUT whoever calls.
   */
  public static LineageEvent of(Map<String, Object> event) {
    requireNonNull(event, "event is null");
    Instant time = time(event.get("eventTime"));
    Kind kind;
    if (event.containsKey("run")) {
      kind = Kind.RUN;
    } else if (event.containsKey("dataset")) {
      kind = Kind.DATASET;
    } else if (event.containsKey("job")) {
      kind = Kind.JOB;
    } else {
      throw ComptoirException.invalidInput(
          "an OpenLineage event has a run (RunEvent), a dataset (DatasetEvent) or a job (JobEvent)");
    }
    Optional<String> runId = Optional.empty();
    if (kind == Kind.RUN) {
      Object id = map(event.get("run"), "run").get("runId");
      if (!(id instanceof String text) || text.isBlank()) {
        throw ComptoirException.invalidInput("run.runId is missing");
      }
      try {
        java.util.UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        throw ComptoirException.invalidInput("run.runId must be a UUID, got '%s'", text);
      }
      runId = Optional.of(text);
    }
    Optional<JobRef> job =
        kind == Kind.DATASET
            ? Optional.empty()
            : Optional.of(
                new JobRef(
                    text(map(event.get("job"), "job"), "namespace", "job"),
                    text(map(event.get("job"), "job"), "name", "job")));
    List<DatasetRef> inputs = new ArrayList<>();
    List<DatasetRef> outputs = new ArrayList<>();
    List<ColumnEdge> columns = new ArrayList<>();
    if (kind == Kind.DATASET) {
      Map<String, Object> dataset = map(event.get("dataset"), "dataset");
      DatasetRef ref = dataset(dataset, "dataset");
      outputs.add(ref);
      columns.addAll(columnEdges(ref, dataset));
    } else {
      for (Map<String, Object> input : list(event.get("inputs"), "inputs")) {
        inputs.add(dataset(input, "inputs"));
      }
      for (Map<String, Object> output : list(event.get("outputs"), "outputs")) {
        DatasetRef ref = dataset(output, "outputs");
        outputs.add(ref);
        columns.addAll(columnEdges(ref, output));
      }
    }
    Object type = event.get("eventType");
    return new LineageEvent(
        kind,
        type instanceof String text ? text : "",
        time,
        runId,
        job,
        List.copyOf(new LinkedHashSet<>(inputs)),
        List.copyOf(new LinkedHashSet<>(outputs)),
        List.copyOf(new LinkedHashSet<>(columns)));
  }

  private static List<ColumnEdge> columnEdges(DatasetRef target, Map<String, Object> dataset) {
    Object facets = dataset.get("facets");
    if (!(facets instanceof Map<?, ?> facetMap)
        || !(facetMap.get("columnLineage") instanceof Map<?, ?> lineage)
        || !(lineage.get("fields") instanceof Map<?, ?> fields)) {
      return List.of();
    }
    List<ColumnEdge> edges = new ArrayList<>();
    for (Map.Entry<?, ?> field : fields.entrySet()) {
      if (!(field.getValue() instanceof Map<?, ?> spec)
          || !(spec.get("inputFields") instanceof List<?> inputFields)) {
        continue;
      }
      String legacyType =
          spec.get("transformationType") instanceof String text ? text.toUpperCase() : "";
      for (Object item : inputFields) {
        if (!(item instanceof Map<?, ?> input)
            || !(input.get("namespace") instanceof String namespace)
            || !(input.get("name") instanceof String name)
            || !(input.get("field") instanceof String sourceField)
            || namespace.isBlank()
            || name.isBlank()) {
          throw ComptoirException.invalidInput(
              "columnLineage of %s: each input field needs a namespace, a name and a field",
              target);
        }
        edges.add(
            new ColumnEdge(
                new DatasetRef(namespace, name),
                sourceField,
                target,
                String.valueOf(field.getKey()),
                transformation(input.get("transformations"), legacyType)));
      }
    }
    return edges;
  }

  private static String transformation(Object transformations, String legacyType) {
    if (transformations instanceof List<?> list
        && !list.isEmpty()
        && list.get(0) instanceof Map<?, ?> first
        && first.get("type") instanceof String type) {
      return first.get("subtype") instanceof String subtype && !subtype.isBlank()
          ? type + "/" + subtype
          : type;
    }
    return legacyType;
  }

  private static Instant time(Object value) {
    if (!(value instanceof String text)) {
      throw ComptoirException.invalidInput("eventTime is missing");
    }
    try {
      return EventTimes.parse(text);
    } catch (DateTimeException e) {
      throw ComptoirException.invalidInput(
          "eventTime must be an ISO-8601 date-time with an offset, got '%s'", text);
    }
  }

  private static DatasetRef dataset(Map<String, Object> dataset, String where) {
    return new DatasetRef(text(dataset, "namespace", where), text(dataset, "name", where));
  }

  private static String text(Map<String, Object> map, String key, String where) {
    if (!(map.get(key) instanceof String text) || text.isBlank()) {
      throw ComptoirException.invalidInput("%s: %s is missing", where, key);
    }
    return text;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String where) {
    if (!(value instanceof Map<?, ?> map)) {
      throw ComptoirException.invalidInput("%s must be an object", where);
    }
    return (Map<String, Object>) map;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value, String where) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw ComptoirException.invalidInput("%s must be an array", where);
    }
    for (Object item : list) {
      if (!(item instanceof Map<?, ?>)) {
        throw ComptoirException.invalidInput("each of %s must be an object", where);
      }
    }
    return (List<Map<String, Object>>) list;
  }
}

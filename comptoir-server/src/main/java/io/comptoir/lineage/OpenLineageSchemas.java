package io.comptoir.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks OpenLineage events against the official 2-0-2 schema and their facets against the official
 * facet schemas, all shipped in the jar unchanged (no network), and the {@code comptoir_contract}
 * facet against its own schema. Facets of unknown schemas (an integration's own, such as {@code
 * spark_version}) are checked only as base facets, by the event schema.
 */
public final class OpenLineageSchemas {
  static final String ROOT = "io/comptoir/lineage/openlineage/";
  static final String CONTRACT_SCHEMA =
      "classpath:io/comptoir/web/assets/openlineage/ComptoirContractRunFacet.json#/$defs/ComptoirContractRunFacet";
  private static final String EVENT = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
  private static final String FACET_NAMES =
      "BaseSubsetDatasetFacet CatalogDatasetFacet ColumnLineageDatasetFacet"
          + " DataQualityAssertionsDatasetFacet DataQualityMetricsDatasetFacet"
          + " DataQualityMetricsInputDatasetFacet DatasetTypeDatasetFacet"
          + " DatasetVersionDatasetFacet DatasourceDatasetFacet DocumentationDatasetFacet"
          + " DocumentationJobFacet EnvironmentVariablesRunFacet ErrorMessageRunFacet"
          + " ExecutionParametersRunFacet ExternalQueryRunFacet ExtractionErrorRunFacet"
          + " HierarchyDatasetFacet InputStatisticsInputDatasetFacet JobDependenciesRunFacet"
          + " JobTypeJobFacet LifecycleStateChangeDatasetFacet LineageFacet NominalTimeRunFacet"
          + " OutputStatisticsOutputDatasetFacet OwnershipDatasetFacet OwnershipJobFacet"
          + " ParentRunFacet ProcessingEngineRunFacet SQLJobFacet SchemaDatasetFacet"
          + " SourceCodeJobFacet SourceCodeLocationJobFacet StorageDatasetFacet"
          + " SymlinksDatasetFacet TagsDatasetFacet TagsJobFacet TagsRunFacet TestRunFacet";

  private final JsonSchemaFactory factory;
  private final SchemaValidatorsConfig config;
  private final JsonSchema event;

  /** The $id of each shipped facet schema, e.g. https://openlineage.io/spec/facets/1-2-0/X.json. */
  private final Map<String, String> facetIds = new LinkedHashMap<>();

  private final Map<String, JsonSchema> facets = new ConcurrentHashMap<>();

  /** With the schemas shipped in the jar. */
  public OpenLineageSchemas() {
    this("classpath:" + ROOT);
  }

  /**
   * With the schemas under a location: {@code classpath:dir/} or a {@code file:} URI of a directory
   * holding {@code OpenLineage.json} and {@code facets/} (the tests use the standards folder).
   */
  public OpenLineageSchemas(String root) {
    ObjectMapper mapper = new ObjectMapper();
    for (String name : FACET_NAMES.split(" ")) {
      String location = root + "facets/" + name + ".json";
      try (InputStream in = open(location)) {
        facetIds.put(mapper.readTree(in).path("$id").asText(), location);
      } catch (IOException e) {
        throw new ComptoirException(ErrorCode.INTERNAL, "cannot read " + location, e);
      }
    }
    this.factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder ->
                builder.schemaMappers(
                    mappers -> {
                      mappers.mapPrefix(EVENT, root + "OpenLineage.json");
                      facetIds.forEach(mappers::mapPrefix);
                    }));
    this.config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    this.event = factory.getSchema(SchemaLocation.of(EVENT), config);
  }

  /**
   * What is wrong with an event: against the event schema, then each facet against its own schema
   * when it is one of the official ones or {@code comptoir_contract}; empty when valid.
   */
  public List<String> problems(JsonNode document) {
    List<String> problems = new ArrayList<>();
    for (ValidationMessage message : event.validate(document)) {
      problems.add(message.getMessage());
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    checkFacets(document.path("run").path("facets"), "run.facets", problems);
    checkFacets(document.path("job").path("facets"), "job.facets", problems);
    checkFacets(document.path("dataset").path("facets"), "dataset.facets", problems);
    for (String side : List.of("inputs", "outputs")) {
      JsonNode datasets = document.path(side);
      for (int i = 0; i < datasets.size(); i++) {
        JsonNode dataset = datasets.get(i);
        String where = side + "[" + i + "]";
        checkFacets(dataset.path("facets"), where + ".facets", problems);
        checkFacets(dataset.path("inputFacets"), where + ".inputFacets", problems);
        checkFacets(dataset.path("outputFacets"), where + ".outputFacets", problems);
      }
    }
    return problems;
  }

  /** The schemas a facet is checked against, if it is one Comptoir ships. */
  Optional<JsonSchema> facetSchema(String name, String schemaUrl) {
    String location;
    if ("comptoir_contract".equals(name)
        || schemaUrl.contains(OpenLineageEvents.CONTRACT_FACET_PATH)) {
      location = CONTRACT_SCHEMA;
    } else {
      int hash = schemaUrl.indexOf('#');
      String base = hash < 0 ? schemaUrl : schemaUrl.substring(0, hash);
      if (!facetIds.containsKey(base) || hash < 0) {
        return Optional.empty();
      }
      location = schemaUrl;
    }
    return Optional.of(
        facets.computeIfAbsent(location, l -> factory.getSchema(SchemaLocation.of(l), config)));
  }

  private static InputStream open(String location) throws IOException {
    if (location.startsWith("classpath:")) {
      String resource = location.substring("classpath:".length());
      InputStream in = OpenLineageSchemas.class.getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new IOException("missing resource " + resource);
      }
      return in;
    }
    return java.net.URI.create(location).toURL().openStream();
  }

  private void checkFacets(JsonNode facetMap, String where, List<String> problems) {
    if (!facetMap.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = facetMap.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> facet = fields.next();
      Optional<JsonSchema> schema =
          facetSchema(facet.getKey(), facet.getValue().path("_schemaURL").asText(""));
      if (schema.isEmpty()) {
        continue;
      }
      for (ValidationMessage message : schema.get().validate(facet.getValue())) {
        problems.add(where + "." + facet.getKey() + ": " + message.getMessage());
      }
    }
  }
}

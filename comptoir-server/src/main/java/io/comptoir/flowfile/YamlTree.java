package io.comptoir.flowfile;

import io.comptoir.common.ComptoirException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML document as a tree whose every value knows where it was written (document and line), so
 * that errors name the line and the key. Anchors, aliases and tags other than the core ones are
 * refused: flow documents are plain data.
 */
final class YamlTree {
  /** Where a value was written: a document name (empty for the one being saved) and a line. */
  record Location(String document, int line) {
    @Override
    public String toString() {
      return document.isEmpty() ? "line " + line : "template " + document + " line " + line;
    }
  }

  sealed interface Value permits Scalar, Mapping, Sequence {
    Location location();
  }

  /** A scalar; {@code null} text for an empty value or {@code ~}. */
  record Scalar(String text, Location location) implements Value {}

  record Mapping(Map<String, Value> entries, Map<String, Location> keys, Location location)
      implements Value {}

  record Sequence(List<Value> items, Location location) implements Value {}

  static final int MAX_DOCUMENT_CHARS = 256 * 1024;

  private YamlTree() {}

  /** Parses one document; INVALID_INPUT with the line for malformed YAML. */
  static Mapping parse(String text, String documentName) {
    if (text.length() > MAX_DOCUMENT_CHARS) {
      throw ComptoirException.invalidInput(
          "the flow document has %d characters, more than the %d allowed",
          text.length(), MAX_DOCUMENT_CHARS);
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(0);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(20);
    options.setCodePointLimit(MAX_DOCUMENT_CHARS);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    Node root;
    try {
      root = yaml.compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      String where = documentName.isEmpty() ? "line " + line : documentName + " line " + line;
      throw ComptoirException.invalidInput(
          "%s: not valid YAML: %s",
          where, e.getProblem() == null ? e.getMessage() : e.getProblem());
    } catch (YAMLException e) {
      throw ComptoirException.invalidInput("not valid YAML: %s", e.getMessage());
    }
    if (root == null) {
      throw ComptoirException.invalidInput("the flow document is empty");
    }
    Value value = convert(root, documentName);
    if (!(value instanceof Mapping mapping)) {
      throw ComptoirException.invalidInput(
          "%s: a flow document is a mapping of keys (id:, product:, source: ...)",
          value.location());
    }
    return mapping;
  }

  private static Value convert(Node node, String document) {
    Location location = new Location(document, node.getStartMark().getLine() + 1);
    if (node.isTwoStepsConstruction() && node instanceof MappingNode) {
      throw ComptoirException.invalidInput("%s: anchors and aliases are not allowed", location);
    }
    if (node instanceof ScalarNode scalar) {
      String tag = scalar.getTag().getValue();
      String text = scalar.getValue();
      boolean isNull =
          tag.endsWith(":null")
              && (text.isEmpty() || text.equals("~") || text.equalsIgnoreCase("null"));
      return new Scalar(isNull ? null : text, location);
    }
    if (node instanceof SequenceNode sequence) {
      List<Value> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        items.add(convert(item, document));
      }
      return new Sequence(items, location);
    }
    if (node instanceof MappingNode mapping) {
      Map<String, Value> entries = new LinkedHashMap<>();
      Map<String, Location> keys = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw ComptoirException.invalidInput("%s: keys must be plain words", location);
        }
        if (key.getValue().equals("<<")) {
          throw ComptoirException.invalidInput(
              "line %d: merge keys (<<) are not allowed", key.getStartMark().getLine() + 1);
        }
        if (entries.containsKey(key.getValue())) {
          throw ComptoirException.invalidInput(
              "%s: not valid YAML: key '%s' appears twice",
              new Location(document, key.getStartMark().getLine() + 1), key.getValue());
        }
        entries.put(key.getValue(), convert(tuple.getValueNode(), document));
        keys.put(key.getValue(), new Location(document, key.getStartMark().getLine() + 1));
      }
      return new Mapping(entries, keys, location);
    }
    throw ComptoirException.invalidInput("%s: unsupported YAML node", location);
  }

  /** The tree as plain maps, lists and strings, for writing it out again. */
  static Object plain(Value value) {
    if (value instanceof Scalar scalar) {
      return scalar.text();
    }
    if (value instanceof Sequence sequence) {
      return sequence.items().stream().map(YamlTree::plain).toList();
    }
    Mapping mapping = (Mapping) value;
    Map<String, Object> plain = new LinkedHashMap<>();
    mapping.entries().forEach((key, item) -> plain.put(key, plain(item)));
    return plain;
  }
}

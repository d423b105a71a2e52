package io.comptoir.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
  private static String line(String value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLines.write(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesAValueOnOneLineAsItIs() throws IOException {
    assertThat(line("{\"id\": 1, \"destination\": \"Évry\"}"))
        .isEqualTo("{\"id\": 1, \"destination\": \"Évry\"}\n");
    assertThat(line("pas du json")).isEqualTo("pas du json\n");
    assertThat(line("{\"a\": \"\\\"\\n\"}")).isEqualTo("{\"a\": \"\\\"\\n\"}\n");
  }

  @Test
  void joinsTheLinesOfPrettyPrintedJson() throws IOException {
    assertThat(line("{\r\n  \"id\": 1,\n  \"note\": \"a \\\" b\"\n}"))
        .isEqualTo("{    \"id\": 1,   \"note\": \"a \\\" b\" }\n");
  }

  @Test
  void writesAsAJsonStringWhatCannotBeJson() throws IOException {
    assertThat(line("{\"note\": \"deux\nlignes\"}"))
        .isEqualTo("\"{\\\"note\\\": \\\"deux\\u000alignes\\\"}\"\n");
    assertThat(line("a\u001fb")).isEqualTo("\"a\\u001fb\"\n");
    assertThat(line("")).isEqualTo("\"\"\n");
    assertThat(line(" \n")).isEqualTo("\" \\u000a\"\n");
  }

  @Test
  void writesNullForATombstone() throws IOException {
    assertThat(line(null)).isEqualTo("null\n");
  }
}

package io.comptoir.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageJsonTest {
  @Test
  void escapesWhatJsonNeedsWhereverItIsInAString() {
    assertThat(LineageJson.write("plain text, é and 東京")).isEqualTo("\"plain text, é and 東京\"");
    assertThat(LineageJson.write("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    assertThat(LineageJson.write("\"first")).isEqualTo("\"\\\"first\"");
    assertThat(LineageJson.write("a\\b")).isEqualTo("\"a\\\\b\"");
    assertThat(LineageJson.write("line\nnext\r\ttab")).isEqualTo("\"line\\nnext\\r\\ttab\"");
    assertThat(LineageJson.write("bell\u0007")).isEqualTo("\"bell\\u0007\"");
    assertThat(LineageJson.write("sep\u2028para\u2029")).isEqualTo("\"sep\\u2028para\\u2029\"");
    assertThat(LineageJson.write("")).isEqualTo("\"\"");
  }

  @Test
  void writesMapsListsAndNumbersCompactly() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "x");
    value.put("rows", 12L);
    value.put("ok", true);
    value.put("ratio", 0.5);
    value.put("nan", Double.NaN);
    value.put("list", List.of(1, "two"));
    value.put("none", null);
    assertThat(LineageJson.write(value))
        .isEqualTo(
            "{\"name\":\"x\",\"rows\":12,\"ok\":true,\"ratio\":0.5,\"nan\":null,"
                + "\"list\":[1,\"two\"],\"none\":null}");
  }
}

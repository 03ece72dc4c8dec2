package io.genlake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numbers in printed JSON carry at most 15 significant digits: no binary noise, integers untouched. */
class JsonOutputTest {
  @Test
  void fractionsAreRoundedAndIntegersKept() throws Exception {
    assertEquals("{\"x\":0.15,\"n\":3,\"big\":9007199254740993,\"list\":[0.3,1E-7,100],\"s\":\"0.1\"}",
        JsonOutput.tidy("{\"x\":0.15000000000000002,\"n\":3,\"big\":9007199254740993,"
            + "\"list\":[0.30000000000000004,1.0E-7,100.0],\"s\":\"0.1\"}"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rate", 0.1 + 0.05);
    m.put("n", 7L);
    m.put("whole", 2.0);
    assertEquals("{\"rate\":0.15,\"n\":7,\"whole\":2}", JsonOutput.compact(m));
    assertEquals("0.15", JsonOutput.rounded(0.1 + 0.05).toString());
  }
}

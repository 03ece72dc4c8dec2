package io.genlake.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {
  private static final Axis PERCENT = new Axis("pass rate (%)", 0, 100);

  @Test
  void figureEmbedsThePngCaptionAndTheDrawnValues() throws Exception {
    CategoryPlot spec = CategoryPlot.builder("by-category", "Pass rate by <category>").categories("material category", "attempts")
        .values(PERCENT).intervals("95% Wilson interval").of(List.of(
            CategoryPlot.Category.of("wood_hardwood", 100, 46.0).withInterval(36.6, 55.7),
            CategoryPlot.Category.of("wood_softwood", 1, 100.0).withInterval(20.65, 100.0))).build();
    Figure f = Charts.category(spec, 720);
    String html = f.html();
    assertTrue(html.startsWith("<figure class=\"chart\" id=\"chart-by-category\" style=\"width:720px\"><img src=\"data:image/png;base64,"),
        html.substring(0, 120));
    assertTrue(html.contains("alt=\"Pass rate by &lt;category&gt;: wood_hardwood 46.0 [36.6, 55.7] (n=100); "
        + "wood_softwood 100 [20.7, 100] (n=1)\""), html.substring(html.indexOf(" alt=")));
    assertEquals("Each label gives n, the number of attempts. Whiskers: 95% Wilson interval. "
        + "Grey bars rest on fewer than 10 attempts: too few to compare.", f.caption());
    String json = html.substring(html.indexOf("<script type=\"application/json\" class=\"chart-data\">") + 51,
        html.indexOf("</script></figure>"));
    assertTrue(json.contains("Pass rate by \\u003ccategory>"), "'<' escaped, the text cannot end the script: " + json);
    JsonNode n = new ObjectMapper().readTree(json);
    assertEquals("category", n.get("kind").asText());
    assertEquals("bar", n.get("mark").asText());
    assertEquals(0.0, n.get("valueAxis").get("min").asDouble());
    assertEquals(100.0, n.get("valueAxis").get("max").asDouble());
    JsonNode soft = n.get("categories").get(1);
    assertEquals("wood_softwood (n=1)", soft.get("tickLabel").asText());
    assertEquals(1, soft.get("n").asLong());
    assertEquals(20.65, soft.get("low").asDouble());
    assertEquals(100.0, soft.get("high").asDouble());
    assertTrue(soft.get("uncertain").asBoolean());
    assertTrue(n.get("categories").get(0).get("reference").isNull());
  }

  @Test
  void emptyCategoriesAreExplained() {
    CategoryPlot spec = CategoryPlot.builder("d", "Mean rating").categories("decile", "pairs").values(new Axis("mean rating (1-5)", 1, 5))
        .dots().of(List.of(CategoryPlot.Category.of("0.9-1.0", 12, 3.3), CategoryPlot.Category.empty("0.0-0.1", 0))).build();
    assertEquals("Each label gives n, the number of pairs. Categories without a dot have no value.",
        Charts.category(spec, 560).caption());
  }
}

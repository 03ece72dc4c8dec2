package io.genlake.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planted signals are measurable in the generated files, read back through the landing contract. */
class PlantedSignalsTest {
  @TempDir static Path dir;

  @BeforeAll
  static void generate() {
    LandingGenerator.write(dir, 4000, 3, 0.02);
  }

  @Test
  void animePromptsRejectCheckpointAWhilePhotorealisticOnesSelectIt() {
    double[] animeA = new double[2];
    double[] photoA = new double[2];
    double[] animeGood = new double[2];
    for (Map<String, Object> e : good(Kind.PREFERENCE_EVENTS)) {
      String prompt = String.valueOf(e.get("prompt"));
      boolean selected = "selected".equals(e.get("action"));
      String checkpoint = String.valueOf(e.get("checkpoint"));
      if (checkpoint.equals(PlantedSignals.CHECKPOINT_A) && prompt.contains("anime")) {
        tally(animeA, selected);
      } else if (checkpoint.equals(PlantedSignals.CHECKPOINT_A) && prompt.contains("photorealistic")) {
        tally(photoA, selected);
      } else if (checkpoint.equals(PlantedSignals.ANIME_CHECKPOINT) && prompt.contains("anime")) {
        tally(animeGood, selected);
      }
    }
    assertTrue(animeA[1] >= 50 && photoA[1] >= 50 && animeGood[1] >= 20, "support " + animeA[1] + " " + photoA[1] + " " + animeGood[1]);
    assertTrue(rate(animeA) < 0.3, "anime + A selected " + rate(animeA));
    assertTrue(rate(photoA) > 0.7, "photorealistic + A selected " + rate(photoA));
    assertTrue(rate(animeGood) > 0.7, "anime + anime checkpoint selected " + rate(animeGood));
  }

  @Test
  void loraStrengthsNearTheBestAreSelectedMoreOftenAndSomeLorasLackAStrength() {
    double[] near = new double[2];
    double[] far = new double[2];
    double[] selectedStrength = new double[2];
    int noStrength = 0;
    int outOfRange = 0;
    int uses = 0;
    for (Map<String, Object> e : good(Kind.PREFERENCE_EVENTS)) {
      boolean selected = "selected".equals(e.get("action"));
      for (Map<String, Object> l : loras(e.get("loras"))) {
        uses++;
        Object s = l.containsKey("strength") ? l.get("strength") : l.get("strength_model");
        if (s == null) {
          noStrength++;
          continue;
        }
        double strength = Double.parseDouble(s.toString());
        if (strength < 0 || strength > 2) {
          outOfRange++;
          continue;
        }
        int lora = List.of(Vocabulary.LORAS).indexOf(String.valueOf(l.get("name")));
        boolean isNear = Math.abs(strength - PlantedSignals.LORA_BEST_STRENGTH[lora]) <= PlantedSignals.LORA_NEAR + 1e-9;
        tally(isNear ? near : far, selected);
        if (lora == 0 && selected) {
          selectedStrength[0] += strength;
          selectedStrength[1]++;
        }
      }
    }
    assertTrue(far[1] >= 300 && selectedStrength[1] >= 100, "support " + far[1] + " " + selectedStrength[1]);
    assertTrue(rate(near) > rate(far) + 0.1, "near best " + rate(near) + ", far " + rate(far));
    // the selected uses of add_detail (best 0.6) average near it
    assertEquals(PlantedSignals.LORA_BEST_STRENGTH[0], rate(selectedStrength), 0.08);
    assertTrue(noStrength > 0 && outOfRange > 0 && noStrength < uses * 0.05, noStrength + " " + outOfRange + " " + uses);
  }

  @Test
  void animePromptsAreSelectedMoreWithFewStepsPhotorealisticOnesWithMany() {
    double[] animeFew = new double[2];
    double[] animeMany = new double[2];
    double[] photoFew = new double[2];
    double[] photoMany = new double[2];
    for (Map<String, Object> g : good(Kind.GENERATIONS)) {
      Object selection = g.get("selection");
      Map<String, Object> parameters = LandingFiles.object(g.get("parameters"));
      if (selection == null || parameters.get("steps") == null) {
        continue;
      }
      String prompt = String.valueOf(g.get("final_prompt"));
      int steps = Integer.parseInt(parameters.get("steps").toString());
      boolean selected = "selected".equals(selection);
      if (prompt.contains("anime")) {
        tally(steps <= PlantedSignals.ANIME_MAX_STEPS ? animeFew : animeMany, selected);
      } else if (prompt.contains("photorealistic")) {
        tally(steps >= PlantedSignals.PHOTO_MIN_STEPS ? photoMany : photoFew, selected);
      }
    }
    assertTrue(animeFew[1] >= 50 && animeMany[1] >= 50, "support " + animeFew[1] + " " + animeMany[1]);
    assertTrue(rate(animeFew) > rate(animeMany) + 0.08, "anime " + rate(animeFew) + " vs " + rate(animeMany));
    assertTrue(rate(photoMany) > rate(photoFew) + 0.08, "photorealistic " + rate(photoMany) + " vs " + rate(photoFew));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> loras(Object v) {
    if (v == null || v.toString().isEmpty()) {
      return List.of();
    }
    try {
      List<?> list = v instanceof List<?> l ? l : LandingFiles.JSON.readValue(v.toString(), List.class);
      List<Map<String, Object>> out = new ArrayList<>();
      list.forEach(o -> out.add((Map<String, Object>) o));
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void angryProfileVariationsFailFarMoreOftenThanTheBase() {
    double[] pattern = new double[2];
    double[] base = new double[2];
    Map<String, Integer> categories = new HashMap<>();
    for (Map<String, Object> image : good(Kind.IMAGE_RATINGS)) {
      Map<String, Object> metadata = LandingFiles.object(image.get("metadata"));
      Map<String, Object> variations = LandingFiles.object(metadata.get("variations"));
      if (variations.isEmpty()) {
        continue;
      }
      boolean ko = "ko".equals(image.get("status"));
      boolean angryProfile = "angry".equals(variations.get("Expression")) && "profile".equals(variations.get("Pose"));
      boolean lyingBacklit = "lying down".equals(variations.get("Pose")) && "backlit".equals(variations.get("Lighting"));
      if (angryProfile) {
        tally(pattern, ko);
        if (ko) {
          categories.merge(String.valueOf(image.get("failure_category")), 1, Integer::sum);
        }
      } else if (!lyingBacklit) {
        tally(base, ko);
      }
    }
    assertTrue(pattern[1] >= 30, "support " + pattern[1]);
    assertTrue(rate(pattern) > 0.5, "angry + profile ko rate " + rate(pattern));
    assertTrue(rate(base) < 0.08, "base ko rate " + rate(base));
    String top = categories.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertEquals("malformed", top);
  }

  @Test
  void comfyUiGenerationsFailFarMoreOftenInTheWindowsLastWeek() {
    long end = Timestamps.windowEnd(3);
    double[] last = new double[2];
    double[] before = new double[2];
    for (Map<String, Object> g : good(Kind.GENERATIONS)) {
      String status = String.valueOf(g.get("status"));
      if (!"comfyui".equals(g.get("provider")) || !(status.equals("completed") || status.equals("failed"))) {
        continue;
      }
      long t = epochSeconds(String.valueOf(g.get("created_at")));
      if (t >= end - PlantedSignals.REGRESSION_SECONDS) {
        tally(last, status.equals("failed"));
      } else if (t >= end - 4 * PlantedSignals.REGRESSION_SECONDS) {
        tally(before, status.equals("failed"));
      }
    }
    assertTrue(last[1] >= 100 && before[1] >= 300, "support " + last[1] + " " + before[1]);
    assertTrue(rate(last) > 3 * rate(before), "failed " + rate(last) + " in the last week, " + rate(before) + " before");
  }

  @Test
  void seed002SessionsHoldModelAndParametersWhichTheirImagesDoNot() {
    int sessions = 0;
    for (LandingFiles.Line line : LandingFiles.read(dir, Kind.SESSIONS)) {
      if (line.fields() != null && ContractCheck.brokenRule(Kind.SESSIONS, line.fields()) == null) {
        Map<String, Object> params = LandingFiles.object(LandingFiles.object(line.fields().get("metadata"))
            .get("generation_params"));
        assertTrue(params.keySet().containsAll(List.of("checkpoint", "sampler", "steps", "cfg_scale")), params.toString());
        sessions++;
      }
    }
    assertTrue(sessions > 1000, "sessions " + sessions);
    int seedImages = 0;
    double[] predicted = new double[2];
    java.util.Set<Object> versions = new java.util.TreeSet<>();
    for (LandingFiles.Line line : LandingFiles.read(dir, Kind.IMAGE_RATINGS)) {
      if (line.fields() == null || ContractCheck.brokenRule(Kind.IMAGE_RATINGS, line.fields()) != null) {
        continue;
      }
      Map<String, Object> metadata = LandingFiles.object(line.fields().get("metadata"));
      if (line.format().equals("sqlite")) {
        seedImages++;
        assertTrue(!metadata.containsKey("model_name") && !metadata.containsKey("sampler"), metadata.toString());
      }
      Map<String, Object> prediction = LandingFiles.object(line.fields().get("ml_predictions"));
      tally(predicted, !prediction.isEmpty());
      if (!prediction.isEmpty()) {
        versions.add(prediction.get("model_version"));
      }
    }
    assertTrue(seedImages > 300, "images in metadata.db " + seedImages);
    assertTrue(rate(predicted) > 0.3 && rate(predicted) < 0.5, "share with predictions " + rate(predicted));
    assertEquals(java.util.Set.of("v1.0", "v1.1"), versions);
  }

  /** Seconds since the epoch of a landing timestamp (ISO with zone, or "yyyy-MM-dd HH:mm:ss" in UTC). */
  private static long epochSeconds(String text) {
    try {
      return java.time.OffsetDateTime.parse(text).toEpochSecond();
    } catch (java.time.format.DateTimeParseException e) {
      return java.time.LocalDateTime.parse(text.replace(' ', 'T')).toEpochSecond(java.time.ZoneOffset.UTC);
    }
  }

  @Test
  void fitRatingsGrowWithTagOverlapBetweenBlockAndAssetCaptions() {
    Map<String, List<String>> blockTags = new HashMap<>();
    for (Map<String, Object> b : good(Kind.ACTION_BLOCKS)) {
      Object tags = b.get("tags");
      List<String> list = new ArrayList<>();
      if (tags instanceof List<?> l) {
        l.forEach(t -> list.add(t.toString()));
      } else if (tags instanceof Map<?, ?> m) {
        m.values().forEach(t -> list.add(t.toString()));
      } else {
        String text = tags.toString();
        if (text.startsWith("{")) {
          LandingFiles.object(text).values().forEach(t -> list.add(t.toString()));
        } else {
          list.addAll(readList(text));
        }
      }
      blockTags.put(String.valueOf(b.get("block_id")), list);
    }
    Map<String, String> captions = new HashMap<>();
    for (Map<String, Object> a : good(Kind.ASSETS)) {
      captions.put(String.valueOf(a.get("asset_id")), String.valueOf(a.get("captions")));
    }
    List<double[]> pairs = new ArrayList<>();
    for (Map<String, Object> r : good(Kind.BLOCK_FIT)) {
      List<String> tags = blockTags.get(String.valueOf(r.get("block_id")));
      String text = captions.get(String.valueOf(r.get("asset_id")));
      if (tags == null || text == null) {
        continue;
      }
      long hits = tags.stream().filter(text::contains).count();
      pairs.add(new double[] {(double) hits / tags.size(), Double.parseDouble(r.get("fit_rating").toString())});
    }
    assertTrue(pairs.size() > 1000, "pairs " + pairs.size());
    double r = pearson(pairs);
    assertTrue(r > 0.6, "correlation " + r);
  }

  @Test
  void attemptsAfterFeedbackPassMoreOften() {
    double[] before = new double[2];
    double[] after = new double[2];
    for (Map<String, Object> a : good(Kind.FEEDBACK)) {
      boolean passed = bool(a.get("passed"));
      tally(bool(a.get("feedback_applied")) ? after : before, passed);
    }
    assertTrue(after[1] > 300 && before[1] > 300, "support " + before[1] + " " + after[1]);
    assertTrue(rate(after) > rate(before) + 0.25, "pass rate before " + rate(before) + " after " + rate(after));
  }

  @Test
  void plantedFileDescribesEachSignal() throws IOException {
    Map<String, Object> planted = LandingFiles.object(Files.readString(dir.resolve(LandingGenerator.PLANTED_FILE)));
    assertEquals(List.of("preference", "failure", "ml_predictions", "fit", "feedback"), new ArrayList<>(planted.keySet()));
    assertEquals(PlantedSignals.CHECKPOINT_A, LandingFiles.object(planted.get("preference")).get("checkpoint_a"));
  }

  private static List<Map<String, Object>> good(Kind kind) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LandingFiles.Line line : LandingFiles.read(dir, kind)) {
      if (line.fields() != null && ContractCheck.brokenRule(kind, line.fields()) == null) {
        rows.add(line.fields());
      }
    }
    return rows;
  }

  private static void tally(double[] counts, boolean hit) {
    counts[0] += hit ? 1 : 0;
    counts[1]++;
  }

  private static double rate(double[] counts) {
    return counts[0] / counts[1];
  }

  private static boolean bool(Object v) {
    String s = String.valueOf(v);
    return s.equals("true") || s.equals("1");
  }

  private static List<String> readList(String json) {
    try {
      List<String> out = new ArrayList<>();
      for (Object o : LandingFiles.JSON.readValue(json, List.class)) {
        out.add(o.toString());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double pearson(List<double[]> xy) {
    double n = xy.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (double[] p : xy) {
      sx += p[0];
      sy += p[1];
      sxx += p[0] * p[0];
      syy += p[1] * p[1];
      sxy += p[0] * p[1];
    }
    return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  }
}

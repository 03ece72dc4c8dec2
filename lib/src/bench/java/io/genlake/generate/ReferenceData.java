package io.genlake.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The small reference streams, kept in memory because the big streams point into them: action blocks
 * (seed 000, tags from the shared vocabulary) and prompt versions (seed 001: about 20 families of 1-6
 * versions with {@code {{variable}}} placeholders).
 */
final class ReferenceData {
  /** An action block: its id and its tags (scene words, at most one per vocabulary category). */
  record Block(String id, String[] tags) {}

  /** A prompt version of a family. */
  record Version(String id, int number, String text) {}

  /** A prompt family and its versions, oldest first. */
  record Family(String id, String name, List<Version> versions) {
    Version latest() {
      return versions.get(versions.size() - 1);
    }
  }

  static final String[] VARIABLES = {"subject", "setting", "mood", "camera"};
  private static final String[] FAMILY_NAMES = {"portrait_base", "couple_scene", "anime_character",
      "street_photo", "story_beat", "beach_romance", "forest_walk", "cafe_meeting", "rooftop_night",
      "pet_portrait", "dance_sequence", "farewell_scene", "reunion_scene", "bedroom_morning", "park_stroll",
      "cinematic_closeup", "watercolor_study", "oil_portrait", "action_run", "calm_landscape"};
  private static final String[] FAMILY_TEMPLATES = {
      "portrait of a {{subject}}, {{camera}}, {{mood}}",
      "a {{subject}} in a {{setting}}, {{mood}}, {{camera}}",
      "anime, {{subject}}, {{setting}}, {{mood}}",
      "photorealistic, {{subject}} walking, city street, {{camera}}",
      "{{subject}}, {{mood}}, {{setting}}, cinematic"};

  final Block[] blocks;
  final Family[] families;
  final Zipf blockPopularity;

  private ReferenceData(Block[] blocks, Family[] families) {
    this.blocks = blocks;
    this.families = families;
    this.blockPopularity = new Zipf(blocks.length, 1.0);
  }

  /** Creates and writes the action blocks and prompt versions; their times fall before {@code start}. */
  static ReferenceData write(Landing landing, Rng rng, long scale, long start) {
    Family[] families = writePromptVersions(landing, rng, start);
    int blockCount = (int) Math.max(30, scale / 20);
    Block[] blocks = new Block[blockCount];
    Kind k = Kind.ACTION_BLOCKS;
    for (int b = 0; b < blockCount; b++) {
      String id = rng.uuid();
      String[] tags = sceneTags(rng);
      blocks[b] = new Block(id, tags);
      Format format = rng.chance(0.85) ? Format.JSONL : Format.CSV;
      Object[] row = k.row();
      long created = start - 86_400L * rng.between(1, 120) - rng.below(86_400);
      row[k.index("block_id")] = id;
      row[k.index("prompt")] = String.join(", ", tags);
      row[k.index("tags")] = rng.chance(0.1) ? tagObject(tags) : tags;
      row[k.index("complexity_level")] = Vocabulary.COMPLEXITY[Math.min(2, (tags.length - 3) / 2)];
      row[k.index("source_type")] = Vocabulary.SOURCE_TYPES[rng.below(Vocabulary.SOURCE_TYPES.length)];
      boolean composite = b >= 3 && rng.chance(0.1);
      row[k.index("is_composite")] = composite;
      row[k.index("component_blocks")] = composite
          ? new String[] {blocks[rng.below(b)].id(), blocks[rng.below(b)].id()} : new String[0];
      if (rng.chance(0.2)) {
        Family f = families[rng.below(families.length)];
        row[k.index("prompt_version_id")] = f.versions().get(rng.below(f.versions().size())).id();
      }
      row[k.index("created_at")] = Stamp.of(format, created, rng);
      row[k.index("is_deleted")] = rng.chance(0.02);
      landing.write(k, format, row);
    }
    return new ReferenceData(blocks, families);
  }

  /** 3-7 scene words from distinct vocabulary categories, drawn with Zipf skew within each category. */
  static String[] sceneTags(Rng rng) {
    int n = rng.between(3, 7);
    List<String> tags = new ArrayList<>(n);
    boolean[] used = new boolean[Vocabulary.SCENE.length];
    while (tags.size() < n) {
      int c = rng.below(Vocabulary.SCENE.length);
      if (!used[c]) {
        used[c] = true;
        String[] words = Vocabulary.SCENE[c];
        tags.add(words[Zipfs.forSize(words.length).draw(rng)]);
      }
    }
    return tags.toArray(new String[0]);
  }

  /** Tags as an object of category to word, the other shape the contract allows. */
  private static Json.Raw tagObject(String[] tags) {
    Object[] pairs = new Object[tags.length * 2];
    for (int i = 0; i < tags.length; i++) {
      pairs[2 * i] = Vocabulary.SCENE_CATEGORIES[categoryOf(tags[i])];
      pairs[2 * i + 1] = tags[i];
    }
    return Json.object(pairs);
  }

  static int categoryOf(String word) {
    for (int c = 0; c < Vocabulary.SCENE.length; c++) {
      for (String w : Vocabulary.SCENE[c]) {
        if (w.equals(word)) {
          return c;
        }
      }
    }
    throw new IllegalArgumentException("not a scene word: " + word);
  }

  private static Family[] writePromptVersions(Landing landing, Rng rng, long start) {
    Family[] families = new Family[FAMILY_NAMES.length];
    Kind k = Kind.PROMPT_VERSIONS;
    for (int f = 0; f < families.length; f++) {
      String familyId = rng.uuid();
      int versions = rng.between(1, 6);
      List<Version> list = new ArrayList<>(versions);
      String text = FAMILY_TEMPLATES[f % FAMILY_TEMPLATES.length];
      long created = start - 86_400L * rng.between(60, 200);
      for (int v = 1; v <= versions; v++) {
        if (v > 1) {
          String booster = Vocabulary.BOOSTERS[rng.below(Vocabulary.BOOSTERS.length)];
          text = text.contains(booster) ? text.replace("{{mood}}", "{{mood}} and gentle") : text + ", " + booster;
        }
        created += 86_400L * rng.between(1, 9) + rng.below(86_400);
        Version version = new Version(rng.uuid(), v, text);
        list.add(version);
        Format format = rng.chance(0.8) ? Format.JSONL : Format.CSV;
        Object[] row = k.row();
        row[k.index("version_id")] = version.id();
        row[k.index("family_id")] = familyId;
        row[k.index("family_name")] = FAMILY_NAMES[f];
        row[k.index("version_number")] = v;
        row[k.index("prompt_text")] = text;
        row[k.index("author")] = Vocabulary.AUTHORS[rng.below(Vocabulary.AUTHORS.length)];
        row[k.index("commit_message")] = v == 1 ? "initial version" : "tune wording, v" + v;
        row[k.index("created_at")] = Stamp.of(format, created, rng);
        landing.write(k, format, row);
      }
      families[f] = new Family(familyId, FAMILY_NAMES[f], List.copyOf(list));
    }
    return families;
  }
}

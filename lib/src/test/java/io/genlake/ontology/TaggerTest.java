package io.genlake.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaggerTest {
  private static final Tagger TAGGER = new Tagger(Ontology.bundled());

  @Test
  void readsPromptSyntaxAndPrefersTheLongestPhrase() {
    Tags t = TAGGER.tagText("masterpiece, (from_behind:1.3), a woman and a man [side by side] BREAK "
        + "slow motion, <lora:beach_v2:0.8> city street at night");
    assertEquals(List.of("cam:from_behind", "rel:side_by_side", "actor:woman", "actor:man", "speed:slow_motion",
        "setting:city_street"), t.ids());
    assertEquals(List.of("camera", "relation", "actor", "speed", "setting"), t.roles());
  }

  @Test
  void negationExcludesTheIdEvenWhenAlsoMentioned() {
    Tags t = TAGGER.tagText("woman on the beach without a dog, no close-up, dog in the distance");
    assertEquals(List.of("actor:woman", "setting:beach"), t.ids());
    assertEquals(List.of("cam:closeup", "actor:dog"), t.negated());
  }

  @Test
  void coversTheGeneratorVocabulary() {
    String[] words = {"from behind", "close-up", "front view", "side view", "wide shot", "over the shoulder",
        "low angle", "high angle", "profile", "facing each other", "side by side", "behind", "in front of",
        "holding hands", "embracing", "leaning on", "woman", "man", "girl", "boy", "couple", "cat", "dog",
        "sitting", "standing", "lying down", "walking", "running", "kneeling", "dancing", "first meeting",
        "reunion", "farewell", "confession", "argument", "tender", "happy", "sad", "angry", "tense", "romantic",
        "playful", "calm", "gentle", "intense", "subtle", "slow", "fast", "slow motion", "beach", "forest",
        "city street", "bedroom", "cafe", "park", "rooftop"};
    for (String w : words) {
      assertEquals(1, TAGGER.tagText(w).ids().size(), w + " -> " + TAGGER.tagText(w).ids());
    }
  }

  @Test
  void blockTagsNormalizeAndUnknownTagsAreKept() {
    Tags t = TAGGER.tagBlock(List.of("cam:from_behind", "mood:Tender", "intensity: gentle", "running", "sparkles",
        "mood:from behind"), "two lovers, no rain");
    assertEquals(List.of("cam:from_behind", "actor:couple", "state:running", "mood:tender", "intensity:gentle"),
        t.ids());
    assertEquals(List.of("sparkles", "mood:from behind"), t.unmapped());
  }

  @Test
  void emptyTextGivesNothing() {
    assertEquals(Tags.EMPTY, TAGGER.tagTexts(java.util.Arrays.asList(null, " ", "")));
  }
}

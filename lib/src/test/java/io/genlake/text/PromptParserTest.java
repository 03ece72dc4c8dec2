package io.genlake.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptParserTest {

  @Test
  void splitsOnCommasAndBreakAndStripsWeights() {
    ParsedPrompt p = PromptParser.parse("masterpiece, (red dress:1.3), [blurry] BREAK ((from_behind)), {soft light}");
    assertEquals(List.of("masterpiece", "red dress", "blurry", "from behind", "soft light"), Phrase.texts(p.phrases()));
    assertEquals(1.0, p.phrases().get(0).weight());
    assertEquals(1.3, p.phrases().get(1).weight());
    assertEquals(0.9091, p.phrases().get(2).weight());
    assertEquals(1.21, p.phrases().get(3).weight());
    assertEquals(1.05, p.phrases().get(4).weight());
  }

  @Test
  void readsLorasOutOfTheText() {
    ParsedPrompt p = PromptParser.parse("portrait <lora:detail_enhancer:0.8>, woman <lyco:faceFix> <hypernet:x:1>");
    assertEquals(List.of(new LoraRef("detail_enhancer", 0.8), new LoraRef("faceFix", 1.0)), p.loras());
    assertEquals(List.of("portrait", "woman"), Phrase.texts(p.phrases()));
  }

  @Test
  void keepsBothSidesOfPromptEditingAndReadsEscapedParensAsText() {
    ParsedPrompt p = PromptParser.parse("[cat:dog:0.4], logo \\(brand\\)");
    assertEquals(List.of("cat", "dog", "logo brand"), Phrase.texts(p.phrases()));
  }

  @Test
  void groupedWeightAppliesToEveryPhraseInside() {
    ParsedPrompt p = PromptParser.parse("(anime girl, blue hair:1.2), smile");
    assertEquals(List.of("anime girl", "blue hair", "smile"), Phrase.texts(p.phrases()));
    assertEquals(1.2, p.phrases().get(0).weight());
    assertEquals(1.2, p.phrases().get(1).weight());
    assertEquals(1.0, p.phrases().get(2).weight());
  }

  @Test
  void unbalancedBracketsAndBlankInputDoNotFail() {
    assertEquals(List.of("broken", "prompt"), Phrase.texts(PromptParser.parse("(broken, prompt").phrases()));
    assertTrue(PromptParser.parse("  ").isEmpty());
    assertTrue(PromptParser.parse(null).isEmpty());
  }

  @Test
  void wordsKeepInnerHyphensAndApostrophes() {
    assertEquals(List.of("close-up", "girl's", "face"), new Phrase("close-up, girl's -face-", 1.0).words());
  }

  @Test
  void keywordsFollowTheSeedExamples() {
    Keywords k = Keywords.defaults();
    assertEquals(List.of("photorealistic", "portrait", "woman"), k.extract("photorealistic portrait of a woman"));
    assertEquals(List.of("anime", "girl", "blue", "hair"), k.extract("anime girl with blue hair"));
    assertEquals(List.of("portrait"), k.extract("(portrait:1.2) <lora:detail:0.5>, of the"));
    assertEquals(List.of(), k.extract("a of the with"));
  }
}

package io.genlake.text;

import java.util.List;

/** A prompt split into weighted phrases, with the LoRAs it names taken out of the text. */
public record ParsedPrompt(List<Phrase> phrases, List<LoraRef> loras) {
  public ParsedPrompt {
    phrases = List.copyOf(phrases);
    loras = List.copyOf(loras);
  }

  public static final ParsedPrompt EMPTY = new ParsedPrompt(List.of(), List.of());

  public boolean isEmpty() {
    return phrases.isEmpty() && loras.isEmpty();
  }
}

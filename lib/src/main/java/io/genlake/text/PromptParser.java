package io.genlake.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Stable-Diffusion prompt syntax: phrases separated by commas, new lines, {@code |} and {@code BREAK};
 * emphasis {@code (word)}, {@code ((word))}, {@code (word:1.2)}, de-emphasis {@code [word]}, NovelAI's
 * {@code {word}}; prompt editing {@code [from:to:0.5]} (both words kept, the step number dropped);
 * network tags {@code <lora:name:0.8>}, {@code <lyco:name>} read as LoRAs, other {@code <...>} tags dropped;
 * escaped {@code \(} read as a literal. Pure Java, no state: one linear pass per prompt.
 *
 * <p>This is the one prompt tokenizer of genlake: fit scoring tags prompts with it and preference learning
 * extracts its keywords from it.
 */
public final class PromptParser {
  private static final Pattern NETWORK = Pattern.compile("<\\s*([a-zA-Z]+)\\s*:\\s*([^:>]+?)\\s*(?::\\s*([-+]?[0-9]*\\.?[0-9]+)[^>]*)?>");
  private static final Pattern WEIGHT_SUFFIX = Pattern.compile(":\\s*([-+]?[0-9]*\\.?[0-9]+)\\s*$");
  private static final Pattern BREAK = Pattern.compile("\\bBREAK\\b|\\bAND\\b");
  // normalize()'s patterns, compiled once (String.replaceAll would compile them for every phrase)
  private static final Pattern BRACKETS = Pattern.compile("[()\\[\\]{}<>:]");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$");
  private static final double EMPHASIS = 1.1;
  private static final double CURLY = 1.05;

  private PromptParser() {}

  /** Parses {@code prompt}; null or blank gives {@link ParsedPrompt#EMPTY}. */
  public static ParsedPrompt parse(String prompt) {
    if (prompt == null || prompt.isBlank()) {
      return ParsedPrompt.EMPTY;
    }
    List<LoraRef> loras = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    Matcher m = NETWORK.matcher(prompt);
    int last = 0;
    while (m.find()) {
      rest.append(prompt, last, m.start()).append(',');
      String kind = m.group(1).toLowerCase(Locale.ROOT);
      if (kind.equals("lora") || kind.equals("lyco") || kind.equals("locon")) {
        double strength = m.group(3) == null ? 1.0 : Double.parseDouble(m.group(3));
        loras.add(new LoraRef(m.group(2).trim(), strength));
      }
      last = m.end();
    }
    rest.append(prompt, last, prompt.length());
    String text = BREAK.matcher(rest).replaceAll(",");
    List<Phrase> phrases = new ArrayList<>();
    new Scanner(text, phrases).run();
    return new ParsedPrompt(phrases, loras);
  }

  /**
   * The words of free text read like one prompt phrase: lower case, underscores as spaces, brackets and
   * punctuation dropped. Ontology keywords go through this so they compare equal to prompt words.
   */
  public static List<String> normalizedWords(String text) {
    return text == null ? List.of() : words(normalize(text));
  }

  /** Splits already-normalized text into words (letters and digits, inner - and ' kept). */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n) {
        char c = text.charAt(i);
        if (Character.isLetterOrDigit(c)) {
          i++;
        } else if ((c == '-' || c == '\'') && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1)) && i > start) {
          i++;
        } else {
          break;
        }
      }
      if (i > start) {
        out.add(text.substring(start, i));
      }
    }
    return out;
  }

  /** One pass over brackets: characters take the weight of the groups around them; separators end phrases. */
  private static final class Scanner {
    private static final Pattern EDITING = Pattern.compile("^(.*?):(.*?)(?::\\s*[-+]?[0-9]*\\.?[0-9]+)?\\s*$", Pattern.DOTALL);
    private final String text;
    private final List<Phrase> out;
    private final StringBuilder current = new StringBuilder();
    private double currentWeight;
    /** Whether {@code current} holds only whitespace so far (tracked, not rescanned per character). */
    private boolean currentBlank = true;

    Scanner(String text, List<Phrase> out) {
      this.text = text;
      this.out = out;
    }

    void run() {
      emit(text, 1.0);
      flush();
    }

    private void emit(String s, double weight) {
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length()) {
          append(s.charAt(i + 1), weight);
          i += 2;
        } else if (c == ',' || c == '\n' || c == '|' || c == ';') {
          flush();
          i++;
        } else if (c == '(' || c == '[' || c == '{') {
          char closing = c == '(' ? ')' : c == '[' ? ']' : '}';
          int end = matching(s, i, c, closing);
          if (end < 0) {
            i++; // an unbalanced bracket is read as punctuation
            continue;
          }
          String inner = s.substring(i + 1, end);
          if (c == '[') {
            Matcher editing = EDITING.matcher(inner);
            if (inner.indexOf(':') >= 0 && editing.matches()) {
              emit(editing.group(1) + "," + editing.group(2), weight); // [from:to:when] keeps both sides
            } else {
              emit(inner, weight / EMPHASIS);
            }
          } else {
            Matcher w = WEIGHT_SUFFIX.matcher(inner);
            if (c == '(' && w.find()) {
              emit(inner.substring(0, w.start()), weight * Double.parseDouble(w.group(1)));
            } else {
              emit(inner, weight * (c == '(' ? EMPHASIS : CURLY));
            }
          }
          append(' ', weight);
          i = end + 1;
        } else {
          append(c, weight);
          i++;
        }
      }
    }

    private void append(char c, double weight) {
      if (!Character.isWhitespace(c)) {
        currentWeight = currentBlank ? weight : Math.max(currentWeight, weight);
        currentBlank = false;
      }
      current.append(c);
    }

    private static int matching(String s, int open, char o, char c) {
      int depth = 0;
      for (int i = open; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch == '\\') {
          i++;
        } else if (ch == o) {
          depth++;
        } else if (ch == c) {
          depth--;
          if (depth == 0) {
            return i;
          }
        }
      }
      return -1;
    }

    private void flush() {
      String normalized = normalize(current.toString());
      current.setLength(0);
      currentBlank = true;
      if (!normalized.isEmpty()) {
        out.add(new Phrase(normalized, Math.round(currentWeight * 10000.0) / 10000.0));
      }
      currentWeight = 1.0;
    }
  }

  /** Lower case, underscores as spaces, whitespace collapsed, stray punctuation trimmed. */
  static String normalize(String raw) {
    String t = raw.toLowerCase(Locale.ROOT).replace('_', ' ');
    t = BRACKETS.matcher(t).replaceAll(" ");
    t = SPACES.matcher(t).replaceAll(" ").trim();
    t = EDGE_PUNCTUATION.matcher(t).replaceAll("");
    return t;
  }
}

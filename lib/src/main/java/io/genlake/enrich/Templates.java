package io.genlake.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed 001's {@code _substitute_variables}: replaces {@code {{name}}} placeholders (spaces inside the braces
 * allowed, {@code {{ name }}}) with the variable's value in one left-to-right pass. Substituted values are
 * not scanned again, so a value containing braces cannot inject a placeholder. Placeholders without a
 * variable stay in the text and are reported, in order of first appearance, without duplicates.
 */
final class Templates {
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}\\s]+)\\s*\\}\\}");

  /** The substituted text and the placeholder names left unresolved. */
  record Filled(String text, List<String> unresolved) {}

  private Templates() {}

  static Filled fill(String template, Map<String, String> variables) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 32);
    List<String> unresolved = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1);
      String value = variables.get(name);
      if (value == null) {
        if (!unresolved.contains(name)) {
          unresolved.add(name);
        }
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
      } else {
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
    }
    m.appendTail(out);
    return new Filled(out.toString(), List.copyOf(unresolved));
  }
}

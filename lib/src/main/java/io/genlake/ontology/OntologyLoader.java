package io.genlake.ontology;

import io.genlake.text.PromptParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses and validates ontology YAML (SnakeYAML safe constructor) into an {@link Ontology}. Every problem
 * stops the load with a message naming the file and the offending category, ID or keyword.
 */
final class OntologyLoader {
  private static final Pattern ID = Pattern.compile("[a-z]+:[a-z0-9_]+");
  private static final Set<String> TOP_KEYS = Set.of("version", "categories", "terms");
  private static final Set<String> CATEGORY_KEYS = Set.of("prefix", "label", "required", "weight", "conflict_weight");
  private static final Set<String> TERM_KEYS = Set.of("id", "category", "label", "keywords", "conflicts_with", "implies");

  private final String source;

  private OntologyLoader(String source) {
    this.source = source;
  }

  static Ontology parse(String yaml, String source) {
    return new OntologyLoader(source).build(yaml);
  }

  private Ontology build(String yaml) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw fail("it is not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", "fix the syntax");
    }
    Map<String, Object> root = map(doc, "the document");
    unknownKeys(root, TOP_KEYS, "the document");
    Map<String, Category> categories = categories(map(root.get("categories"), "categories"));
    List<Term> terms = terms(root.get("terms"), categories);
    int n = terms.size();
    int words = (n + 63) >>> 6;
    Map<String, Integer> index = new HashMap<>();
    terms.forEach(t -> index.put(t.id(), t.index()));
    long[][] conflicts = new long[n][words];
    long[][] direct = new long[n][words];
    for (Term t : terms) {
      for (String other : t.conflictsWith()) {
        int o = index.get(other);
        set(conflicts[t.index()], o);
        set(conflicts[o], t.index());
      }
      for (String parent : t.implies()) {
        set(direct[t.index()], index.get(parent));
      }
    }
    long[][] closure = new long[n][];
    for (Term t : terms) {
      closure[t.index()] = closure(t.index(), direct, words);
    }
    return new Ontology(source, categories, terms, conflicts, closure);
  }

  private Map<String, Category> categories(Map<String, Object> raw) {
    if (raw.isEmpty()) {
      throw fail("it defines no categories", "add a categories mapping");
    }
    Map<String, Category> out = new LinkedHashMap<>();
    Set<String> prefixes = new java.util.HashSet<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      String name = e.getKey();
      String where = "category " + name;
      Map<String, Object> c = map(e.getValue(), where);
      unknownKeys(c, CATEGORY_KEYS, where);
      String prefix = string(c, "prefix", where);
      if (!prefixes.add(prefix)) {
        throw fail(where + " reuses prefix " + prefix, "give each category its own prefix");
      }
      if (!(c.get("required") instanceof Boolean required)) {
        throw fail(where + " has required = " + c.get("required"), "set required: true or false");
      }
      double weight = weight(c, "weight", where);
      double conflictWeight = weight;
      if (required) {
        conflictWeight = weight(c, "conflict_weight", where);
        if (conflictWeight < weight) {
          throw fail(where + " has conflict_weight " + conflictWeight + " below its weight " + weight,
              "a contradiction must cost at least as much as a miss");
        }
      } else if (c.containsKey("conflict_weight")) {
        throw fail(where + " is soft but sets conflict_weight", "remove it or make the category required");
      }
      out.put(name, new Category(name, prefix, string(c, "label", where), required, weight, conflictWeight));
    }
    return out;
  }

  private List<Term> terms(Object raw, Map<String, Category> categories) {
    if (!(raw instanceof List<?> list) || list.isEmpty()) {
      throw fail("terms is missing or not a list", "add a terms list of {id, category, label, keywords}");
    }
    List<Term> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    Map<String, String> keywordOwner = new HashMap<>();
    for (Object item : list) {
      int position = out.size() + 1;
      Map<String, Object> t = map(item, "term #" + position);
      String id = string(t, "id", "term #" + position);
      String where = "term " + id;
      unknownKeys(t, TERM_KEYS, where);
      if (!ID.matcher(id).matches()) {
        throw fail(where + " is not of the form prefix:name (lower case, digits, _)", "rename it");
      }
      Integer previous = seen.put(id, position);
      if (previous != null) {
        throw fail(where + " is defined twice (terms #" + previous + " and #" + position + ")", "give each term a unique id");
      }
      String categoryName = string(t, "category", where);
      Category category = categories.get(categoryName);
      if (category == null) {
        throw fail(where + " names unknown category " + categoryName,
            "use one of " + String.join(", ", categories.keySet()));
      }
      if (!id.startsWith(category.prefix() + ":")) {
        throw fail(where + " is in category " + categoryName + " but lacks its prefix " + category.prefix() + ":",
            "rename it to " + category.prefix() + ":" + id.substring(id.indexOf(':') + 1));
      }
      List<String> keywords = strings(t, "keywords", where);
      if (keywords.isEmpty()) {
        throw fail(where + " has no keywords", "add at least one keyword");
      }
      List<String> normalized = new ArrayList<>();
      for (String k : keywords) {
        String words = String.join(" ", PromptParser.normalizedWords(k));
        if (words.isEmpty()) {
          throw fail(where + " has keyword '" + k + "' with no words", "remove it");
        }
        String owner = keywordOwner.putIfAbsent(words, id);
        if (owner != null && !owner.equals(id)) {
          throw fail(where + " reuses keyword '" + words + "' of term " + owner, "a keyword must name one term");
        }
        normalized.add(words);
      }
      out.add(new Term(id, out.size(), categoryName, string(t, "label", where), normalized,
          strings(t, "conflicts_with", where), strings(t, "implies", where)));
    }
    for (Term t : out) {
      for (String rel : t.conflictsWith()) {
        related(t, rel, "conflicts_with", seen);
      }
      for (String rel : t.implies()) {
        related(t, rel, "implies", seen);
      }
    }
    return out;
  }

  private void related(Term t, String other, String relation, Map<String, Integer> known) {
    if (!known.containsKey(other)) {
      throw fail("term " + t.id() + " " + relation + " unknown ID " + other, "define " + other + " or remove the reference");
    }
    if (other.equals(t.id())) {
      throw fail("term " + t.id() + " " + relation + " itself", "remove the reference");
    }
  }

  private static long[] closure(int start, long[][] direct, int words) {
    long[] seen = new long[words];
    set(seen, start);
    List<Integer> todo = new ArrayList<>(List.of(start));
    while (!todo.isEmpty()) {
      long[] d = direct[todo.remove(todo.size() - 1)];
      for (int i = 0; i < d.length * 64; i++) {
        if ((d[i >>> 6] & (1L << i)) != 0 && (seen[i >>> 6] & (1L << i)) == 0) {
          set(seen, i);
          todo.add(i);
        }
      }
    }
    return seen;
  }

  private static void set(long[] bits, int i) {
    bits[i >>> 6] |= 1L << i;
  }

  private double weight(Map<String, Object> m, String key, String where) {
    Object v = m.get(key);
    if (!(v instanceof Number number) || !(number.doubleValue() > 0 && number.doubleValue() <= 1)) {
      throw fail(where + " has " + key + " = " + v, "set a number greater than 0 and at most 1");
    }
    return number.doubleValue();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object v, String where) {
    if (!(v instanceof Map)) {
      throw fail(where + " is not a mapping", "write it as key: value pairs");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<Object, Object>) v).forEach((k, val) -> out.put(String.valueOf(k), val));
    return out;
  }

  private String string(Map<String, Object> m, String key, String where) {
    Object v = m.get(key);
    if (v == null || v instanceof Map || v instanceof List || String.valueOf(v).isBlank()) {
      throw fail(where + " has no " + key, "add " + key + ": <text>");
    }
    return String.valueOf(v);
  }

  private List<String> strings(Map<String, Object> m, String key, String where) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw fail(where + " has " + key + " = " + v, "write it as a list [a, b]");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (o == null || o instanceof Map || o instanceof List) {
        throw fail(where + " has a non-text entry in " + key, "write it as a list of strings");
      }
      out.add(String.valueOf(o));
    }
    return out;
  }

  private void unknownKeys(Map<String, Object> m, Set<String> allowed, String where) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw fail(where + " has unknown key " + k, "use only " + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
  }

  private OntologyException fail(String problem, String fix) {
    return new OntologyException("Invalid ontology " + source + ": " + problem + "; " + fix + ".");
  }
}

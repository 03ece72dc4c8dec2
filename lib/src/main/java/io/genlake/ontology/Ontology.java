package io.genlake.ontology;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tag ontology: categories and terms loaded from {@code ontology.yaml}, immutable and serializable (it
 * is broadcast to Spark executors). Every term has a dense index, so a tag set is a bitset of
 * {@link #words()} longs; conflicts (made symmetric) and implied parents (transitively closed) are
 * precomputed as bitsets, so expanding or checking a tag set costs a few word operations.
 */
public final class Ontology implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The class-path resource holding the bundled ontology (copied from the repository's ontology/). */
  public static final String RESOURCE = "ontology.yaml";

  private final String source;
  private final Map<String, Category> categories;
  private final List<Term> terms;
  private final Map<String, Term> byId;
  private final long[][] conflicts;
  private final long[][] closure;

  Ontology(String source, Map<String, Category> categories, List<Term> terms, long[][] conflicts,
      long[][] closure) {
    this.source = source;
    this.categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    this.terms = List.copyOf(terms);
    Map<String, Term> index = new LinkedHashMap<>();
    for (Term t : terms) {
      index.put(t.id(), t);
    }
    this.byId = Collections.unmodifiableMap(index);
    this.conflicts = conflicts;
    this.closure = closure;
  }

  /** The ontology bundled on the class path; fails with {@link OntologyException} if it is broken. */
  public static Ontology bundled() {
    try (InputStream in = Ontology.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new OntologyException("Cannot load the bundled ontology: class-path resource " + RESOURCE
            + " is missing. Rebuild genlake-lib (it packages ontology/ontology.yaml) or set fit.ontology to a file.");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + RESOURCE);
    } catch (IOException e) {
      throw new OntologyException("Cannot read the bundled ontology " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** Loads the ontology file at {@code file}. */
  public static Ontology load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new OntologyException("Cannot load ontology " + file + ": the file does not exist. "
          + "Fix fit.ontology in the configuration or leave it empty to use the bundled ontology.");
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new OntologyException("Cannot read ontology " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file at {@code path} when given and non-blank, else the bundled ontology. */
  public static Ontology loadOrBundled(Optional<String> path) {
    return path.filter(p -> !p.isBlank()).map(p -> load(Path.of(p))).orElseGet(Ontology::bundled);
  }

  /**
   * The YAML text {@link #loadOrBundled} parses (so a serving snapshot can carry the very ontology the nightly used);
   * fails like loading when the file or resource is missing.
   */
  public static String textOf(Optional<String> path) {
    Optional<String> file = path.filter(p -> !p.isBlank());
    try {
      if (file.isPresent()) {
        return Files.readString(Path.of(file.get()), StandardCharsets.UTF_8);
      }
      try (InputStream in = Ontology.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new OntologyException("Cannot load the bundled ontology: class-path resource " + RESOURCE + " is missing.");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new OntologyException("Cannot read ontology " + file.orElse(RESOURCE) + ": " + e.getMessage(), e);
    }
  }

  /** Parses ontology YAML text; {@code source} names it in error messages. */
  public static Ontology parse(String yaml, String source) {
    return OntologyLoader.parse(yaml, source);
  }

  /** Where this ontology was loaded from. */
  public String source() {
    return source;
  }

  /** Number of terms. */
  public int size() {
    return terms.size();
  }

  /** Longs per tag bitset. */
  public int words() {
    return (terms.size() + 63) >>> 6;
  }

  public List<Term> terms() {
    return terms;
  }

  public Collection<Category> categories() {
    return categories.values();
  }

  public Term term(int index) {
    return terms.get(index);
  }

  public Optional<Term> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Category category(String name) {
    Category c = categories.get(name);
    if (c == null) {
      throw new IllegalArgumentException("No ontology category " + name);
    }
    return c;
  }

  /** The category of {@code term}. */
  public Category categoryOf(Term term) {
    return categories.get(term.category());
  }

  /** The category whose prefix or name is {@code key} ({@code cam} or {@code camera}). */
  public Optional<Category> categoryByKey(String key) {
    for (Category c : categories.values()) {
      if (c.prefix().equals(key) || c.name().equals(key)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Bitset of the terms that conflict with term {@code index} (symmetric). Do not modify. */
  public long[] conflictBits(int index) {
    return conflicts[index];
  }

  /** Bitset of term {@code index} and every term it implies, transitively. Do not modify. */
  public long[] closureBits(int index) {
    return closure[index];
  }

  /** The bitset of the known IDs among {@code ids}; unknown IDs are ignored. */
  public long[] encode(Collection<String> ids) {
    long[] bits = new long[words()];
    for (String id : ids) {
      Term t = byId.get(id);
      if (t != null) {
        bits[t.index() >>> 6] |= 1L << t.index();
      }
    }
    return bits;
  }

  /** The IDs set in {@code bits}, in ontology order. */
  public List<String> decode(long[] bits) {
    List<String> out = new ArrayList<>();
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        int i = (w << 6) + Long.numberOfTrailingZeros(word);
        out.add(terms.get(i).id());
        word &= word - 1;
      }
    }
    return out;
  }

  /** {@code bits} with every implied parent added (a new array). */
  public long[] expand(long[] bits) {
    long[] out = bits.clone();
    for (int w = 0; w < bits.length; w++) {
      long word = bits[w];
      while (word != 0) {
        long[] c = closure[(w << 6) + Long.numberOfTrailingZeros(word)];
        for (int k = 0; k < out.length; k++) {
          out[k] |= c[k];
        }
        word &= word - 1;
      }
    }
    return out;
  }

  /** {@code ids} sorted in ontology order, unknown IDs dropped, implied parents added. */
  public List<String> expand(Collection<String> ids) {
    return decode(expand(encode(ids)));
  }
}

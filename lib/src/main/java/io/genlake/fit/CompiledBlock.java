package io.genlake.fit;

import io.genlake.ontology.Category;
import io.genlake.ontology.Ontology;
import io.genlake.ontology.Term;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One block's tag set compiled for scoring many assets: its required IDs with their miss and conflict
 * weights and conflict bitsets, and one bitset plus weight per soft category. {@link #score(long[])} is the
 * hot loop of the all-pairs job: a few word operations per required ID and per soft category, no allocation.
 * The asset bitset passed in must already carry implied parents ({@link Ontology#expand(long[])}).
 */
public final class CompiledBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] blockBits;
  private final int words;
  private final int[] required;
  private final double[] missWeight;
  private final double[] conflictWeight;
  private final long[] conflictMasks;
  private final long[] softMasks;
  private final double[] softWeight;

  CompiledBlock(Ontology ontology, long[] blockBits) {
    this.blockBits = blockBits.clone();
    this.words = ontology.words();
    List<Integer> req = new ArrayList<>();
    for (String id : ontology.decode(blockBits)) {
      Term t = ontology.find(id).orElseThrow();
      if (ontology.categoryOf(t).required()) {
        req.add(t.index());
      }
    }
    required = req.stream().mapToInt(Integer::intValue).toArray();
    missWeight = new double[required.length];
    conflictWeight = new double[required.length];
    conflictMasks = new long[required.length * words];
    for (int r = 0; r < required.length; r++) {
      Term t = ontology.term(required[r]);
      Category c = ontology.categoryOf(t);
      missWeight[r] = c.weight();
      conflictWeight[r] = c.conflictWeight();
      System.arraycopy(ontology.conflictBits(t.index()), 0, conflictMasks, r * words, words);
    }
    List<long[]> masks = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (Category c : ontology.categories()) {
      if (c.required()) {
        continue;
      }
      long[] mask = new long[words];
      boolean any = false;
      for (Term t : ontology.terms()) {
        if (t.category().equals(c.name()) && (blockBits[t.index() >>> 6] & (1L << t.index())) != 0) {
          mask[t.index() >>> 6] |= 1L << t.index();
          any = true;
        }
      }
      if (any) {
        masks.add(mask);
        weights.add(c.weight());
      }
    }
    softMasks = new long[masks.size() * words];
    for (int i = 0; i < masks.size(); i++) {
      System.arraycopy(masks.get(i), 0, softMasks, i * words, words);
    }
    softWeight = weights.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The block's own IDs as a bitset (a copy). */
  public long[] bits() {
    return blockBits.clone();
  }

  /** The score against an expanded asset bitset: {@code clamp(1 - penalties + bonuses)}. */
  public double score(long[] asset) {
    return score(asset, 0);
  }

  /** The score against the expanded asset bitset stored at {@code assets[offset .. offset + words)}. */
  double score(long[] assets, int offset) {
    double s = 1.0;
    for (int r = 0; r < required.length; r++) {
      int i = required[r];
      if ((assets[offset + (i >>> 6)] & (1L << i)) != 0) {
        continue;
      }
      boolean conflict = false;
      for (int w = 0; w < words; w++) {
        conflict |= (assets[offset + w] & conflictMasks[r * words + w]) != 0;
      }
      s -= conflict ? conflictWeight[r] : missWeight[r];
    }
    for (int c = 0; c < softWeight.length; c++) {
      int shared = 0;
      for (int w = 0; w < words; w++) {
        shared += Long.bitCount(assets[offset + w] & softMasks[c * words + w]);
      }
      s += softWeight[c] * shared;
    }
    return s < 0.0 ? 0.0 : s > 1.0 ? 1.0 : s;
  }

  /** Scores the {@code n} assets of a flat bitset array (in index order) into {@code heap}. */
  void scan(long[] assets, int n, TopHeap heap) {
    for (int a = 0, offset = 0; a < n; a++, offset += words) {
      double s = score(assets, offset);
      if (s > heap.threshold()) {
        heap.offer(s, a);
      }
    }
  }

  /** The same computation as {@link #score(long[])}, recording every reason (used on kept pairs only). */
  FitResult explain(Ontology ontology, long[] asset) {
    double s = 1.0; // accumulated in the same order as score(), so both give the same double
    double penalty = 0.0;
    double bonus = 0.0;
    List<String> matches = new ArrayList<>();
    List<String> misses = new ArrayList<>();
    List<String> conflicts = new ArrayList<>();
    List<String> soft = new ArrayList<>();
    for (int r = 0; r < required.length; r++) {
      int i = required[r];
      String id = ontology.term(i).id();
      if ((asset[i >>> 6] & (1L << i)) != 0) {
        matches.add(id);
      } else if (overlaps(asset, conflictMasks, r * words)) {
        penalty += conflictWeight[r];
        s -= conflictWeight[r];
        long[] both = new long[words];
        for (int w = 0; w < words; w++) {
          both[w] = asset[w] & conflictMasks[r * words + w];
        }
        for (String other : ontology.decode(both)) {
          conflicts.add(id + "!" + other);
        }
        misses.add(id); // a contradicted required ID is missing too (seed 000: "block expects from_behind")
      } else {
        penalty += missWeight[r];
        s -= missWeight[r];
        misses.add(id);
      }
    }
    for (int c = 0; c < softWeight.length; c++) {
      long[] shared = new long[words];
      int n = 0;
      for (int w = 0; w < words; w++) {
        shared[w] = asset[w] & softMasks[c * words + w];
        n += Long.bitCount(shared[w]);
      }
      bonus += softWeight[c] * n;
      s += softWeight[c] * n;
      soft.addAll(ontology.decode(shared));
    }
    double score = s < 0.0 ? 0.0 : s > 1.0 ? 1.0 : s;
    return new FitResult(score, penalty, bonus, matches, misses, conflicts, soft,
        ontology.decode(blockBits), ontology.decode(asset));
  }

  private boolean overlaps(long[] asset, long[] masks, int offset) {
    for (int w = 0; w < words; w++) {
      if ((asset[w] & masks[offset + w]) != 0) {
        return true;
      }
    }
    return false;
  }
}

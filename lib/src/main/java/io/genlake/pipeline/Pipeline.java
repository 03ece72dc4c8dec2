package io.genlake.pipeline;

import io.genlake.warehouse.TableId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The steps of a run and the order their tables impose: a step that reads a table another step writes runs after
 * it (and is skipped when that step did not succeed); two steps that write the same table run one after the other,
 * in list order. So no step ever reads or writes a table that a step running at the same time writes. Steps that
 * wait for each other (each reads what the other writes) are refused when the pipeline is built.
 */
public final class Pipeline {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

  /** Why {@code before} runs first: a table it writes that the later step reads ({@code read}) or also writes. */
  record Edge(String before, TableId table, boolean read) {}

  private final List<Step> steps;
  private final Map<String, List<Edge>> waitsFor = new LinkedHashMap<>();

  private Pipeline(List<Step> steps) {
    this.steps = List.copyOf(steps);
    Set<String> names = new HashSet<>();
    for (Step s : steps) {
      if (!NAME.matcher(s.name()).matches() || !names.add(s.name())) {
        throw new IllegalArgumentException("Step name '" + s.name() + "' is " + (names.contains(s.name())
            ? "used twice" : "not lower-case letters, digits, underscores and hyphens") + " in " + names());
      }
    }
    for (int j = 0; j < steps.size(); j++) {
      Step later = steps.get(j);
      List<Edge> edges = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        Step other = steps.get(i);
        if (i == j) {
          continue;
        }
        Optional<TableId> read = common(other.outputs(), later.inputs());
        if (read.isPresent()) {
          edges.add(new Edge(other.name(), read.get(), true));
        } else if (i < j && common(later.outputs(), other.inputs()).isEmpty()) {
          // the same output and no read between them: list order
          common(other.outputs(), later.outputs()).ifPresent(t -> edges.add(new Edge(other.name(), t, false)));
        }
      }
      waitsFor.put(later.name(), List.copyOf(edges));
    }
    checkNoCycle();
  }

  /** The pipeline of {@code steps} (list order breaks ties); fails when steps wait for each other. */
  public static Pipeline of(List<? extends Step> steps) {
    return new Pipeline(new ArrayList<>(steps));
  }

  /** The pipeline of {@code steps}. */
  public static Pipeline of(Step... steps) {
    return of(List.of(steps));
  }

  /** The steps, in list order. */
  public List<Step> steps() {
    return steps;
  }

  /** The names of the steps, in list order. */
  public List<String> names() {
    return steps.stream().map(Step::name).toList();
  }

  /** The steps that must finish before {@code step} starts. */
  public Set<String> predecessors(String step) {
    Set<String> out = new LinkedHashSet<>();
    waitsFor.getOrDefault(step, List.of()).forEach(e -> out.add(e.before()));
    return Collections.unmodifiableSet(out);
  }

  /** The steps that write a table {@code step} reads, each with one such table: if one fails, {@code step} is skipped. */
  public Map<String, TableId> producers(String step) {
    Map<String, TableId> out = new LinkedHashMap<>();
    waitsFor.getOrDefault(step, List.of()).stream().filter(Edge::read).forEach(e -> out.putIfAbsent(e.before(),
        e.table()));
    return Collections.unmodifiableMap(out);
  }

  private void checkNoCycle() {
    Set<String> done = new HashSet<>();
    boolean progressed = true;
    while (progressed) {
      progressed = false;
      for (Step s : steps) {
        if (!done.contains(s.name()) && done.containsAll(predecessors(s.name()))) {
          done.add(s.name());
          progressed = true;
        }
      }
    }
    if (done.size() < steps.size()) {
      List<String> why = new ArrayList<>();
      for (Step s : steps) {
        if (!done.contains(s.name())) {
          for (Edge e : waitsFor.get(s.name())) {
            if (!done.contains(e.before())) {
              why.add(s.name() + (e.read() ? " reads " : " writes ") + e.table() + ", written by " + e.before());
            }
          }
        }
      }
      throw new IllegalArgumentException("These steps wait for each other and can never run: " + String.join("; ", why)
          + ". Split a step, or drop the table from one step's inputs.");
    }
  }

  private static Optional<TableId> common(List<TableId> a, List<TableId> b) {
    return a.stream().filter(b::contains).findFirst();
  }
}

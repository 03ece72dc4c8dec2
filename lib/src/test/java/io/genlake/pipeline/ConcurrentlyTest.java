package io.genlake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {
  @Test
  void resultsComeBackInInputOrderAndInnerWorkIsBounded() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<List<String>> out = Concurrently.run(2, List.of("a", "b", "c"), (outer, pool) ->
        pool.all(List.of(1, 2, 3), inner -> {
          peak.accumulateAndGet(running.incrementAndGet(), Math::max);
          Thread.sleep(20L * (4 - inner)); // later items finish first
          running.decrementAndGet();
          return outer + inner;
        }));
    assertEquals(List.of(List.of("a1", "a2", "a3"), List.of("b1", "b2", "b3"), List.of("c1", "c2", "c3")), out);
    assertTrue(peak.get() <= 2, "at most 2 inner items at once, saw " + peak.get());
    assertTrue(peak.get() == 2, "the bound is used: 2 inner items ran at once");
  }

  @Test
  void aFailureIsRethrownAsItWasAfterEveryItemFinished() {
    IllegalStateException boom = new IllegalStateException("source x cannot be read");
    ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> Concurrently.run(4, List.of("bad", "slow"), (item, pool) -> {
          if (item.equals("bad")) {
            throw boom;
          }
          Thread.sleep(100);
          finished.add(item);
          return item;
        }));
    assertSame(boom, thrown);
    assertEquals(List.of("slow"), List.copyOf(finished), "the other item ran to its end before the failure surfaced");
  }

  @Test
  void limitOneRunsOuterItemsOneAfterAnother() {
    ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    Concurrently.run(1, List.of("x", "y"), (item, pool) -> {
      order.add(item + ":start");
      Thread.sleep(30);
      order.add(item + ":end");
      return item;
    });
    assertEquals(List.of("x:start", "x:end", "y:start", "y:end"), List.copyOf(order));
  }
}

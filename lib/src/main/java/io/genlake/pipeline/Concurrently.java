package io.genlake.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work items concurrently in the driver, so that one item's driver-side work (planning, Delta commits)
 * overlaps with another's Spark tasks: ingestion's streams and kinds, a step's independent gold writes. Outer items (streams) each get a thread; their inner items
 * (kinds) share at most {@code limit} running at once. Results come back in input order; when items fail,
 * every item still finishes (no job is left running) and the first failure is rethrown as it was.
 */
public final class Concurrently {
  /** Work on one item. */
  @FunctionalInterface
  public interface Work<T, R> {
    R apply(T item) throws Exception;
  }

  /** Work on one outer item, which may run inner items on the pool. */
  @FunctionalInterface
  public interface OuterWork<T, R> {
    R apply(T item, Pool pool) throws Exception;
  }

  /** Inner items' shared bound: at most {@code limit} of them run at once across all outer items. */
  public static final class Pool {
    private final Semaphore permits;
    private final ExecutorService threads;

    private Pool(int limit, ExecutorService threads) {
      this.permits = new Semaphore(limit);
      this.threads = threads;
    }

    /** Runs {@code work} on every item, at most the pool's limit at once; results in input order. */
    public <T, R> List<R> all(List<T> items, Work<T, R> work) {
      List<CompletableFuture<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(CompletableFuture.supplyAsync(() -> {
          permits.acquireUninterruptibly();
          try {
            return work.apply(item);
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new CompletionException(e);
          } finally {
            permits.release();
          }
        }, threads));
      }
      return join(futures);
    }
  }

  private Concurrently() {}

  /**
   * Runs {@code work} on every outer item, each on its own thread, with inner items bounded by {@code limit};
   * {@code limit == 1} runs everything one after another on the calling thread's order.
   */
  public static <T, R> List<R> run(int limit, List<T> items, OuterWork<T, R> work) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "genlake-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      Pool pool = new Pool(limit, threads);
      if (limit == 1) {
        List<R> out = new ArrayList<>();
        for (T item : items) {
          out.add(unchecked(() -> work.apply(item, pool)));
        }
        return out;
      }
      List<CompletableFuture<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(CompletableFuture.supplyAsync(() -> unchecked(() -> work.apply(item, pool)), threads));
      }
      return join(futures);
    } finally {
      threads.shutdown();
    }
  }

  /** Runs every one of {@code calls}, at most {@code limit} at once; results in input order. */
  public static <R> List<R> calls(int limit, List<Call<R>> calls) {
    return run(limit, List.of(calls), (all, pool) -> pool.all(all, Call::call)).get(0);
  }

  /** A piece of work with a result. */
  @FunctionalInterface
  public interface Call<R> {
    R call() throws Exception;
  }

  private static <R> R unchecked(Call<R> c) {
    try {
      return c.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /** Waits for every future, then returns their results or rethrows the first failure's own exception. */
  private static <R> List<R> join(List<CompletableFuture<R>> futures) {
    RuntimeException first = null;
    List<R> out = new ArrayList<>();
    for (CompletableFuture<R> f : futures) {
      try {
        out.add(f.join());
      } catch (CompletionException e) {
        if (first == null) {
          Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
              : e.getCause();
          first = cause instanceof RuntimeException r ? r : new CompletionException(cause);
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return out;
  }
}

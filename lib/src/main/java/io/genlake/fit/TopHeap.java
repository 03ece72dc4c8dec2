package io.genlake.fit;

/**
 * The k best (score, index) pairs seen, in primitive arrays: a min-heap on score whose root is the worst
 * kept pair. Indexes are offered in increasing order, so on equal scores the earlier index wins and a new
 * pair enters a full heap only with a strictly higher score. Cost: O(log k) per accepted pair, one
 * comparison per rejected pair.
 */
final class TopHeap {
  private final int capacity;
  private final double[] scores;
  private final int[] indexes;
  private int size;

  TopHeap(int capacity) {
    this.capacity = capacity;
    this.scores = new double[capacity];
    this.indexes = new int[capacity];
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  double score(int i) {
    return scores[i];
  }

  int index(int i) {
    return indexes[i];
  }

  /** The score a new pair must beat once the heap is full. */
  double threshold() {
    return size < capacity ? Double.NEGATIVE_INFINITY : scores[0];
  }

  /** Offers a pair whose index is larger than every index offered before. */
  void offer(double score, int index) {
    if (size < capacity) {
      int i = size++;
      scores[i] = score;
      indexes[i] = index;
      siftUp(i);
    } else if (score > scores[0]) {
      scores[0] = score;
      indexes[0] = index;
      siftDown(0);
    }
  }

  /** Worse = lower score, or equal score and later index. */
  private boolean worse(int a, int b) {
    return scores[a] < scores[b] || (scores[a] == scores[b] && indexes[a] > indexes[b]);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int w = l + 1 < size && worse(l + 1, l) ? l + 1 : l;
      if (!worse(w, i)) {
        return;
      }
      swap(i, w);
      i = w;
    }
  }

  private void swap(int a, int b) {
    double s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
    int x = indexes[a];
    indexes[a] = indexes[b];
    indexes[b] = x;
  }
}

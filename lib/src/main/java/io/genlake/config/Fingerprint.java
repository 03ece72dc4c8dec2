package io.genlake.config;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A stable fingerprint of a configuration: SHA-256 of a canonical rendering in which sets are sorted and maps
 * ordered by key. {@code toString()} is not stable for this purpose: {@code Set.of} and {@code Map.of} iterate in
 * an order that changes from one JVM start to the next.
 */
public final class Fingerprint {
  private Fingerprint() {}

  /** The first 12 bytes of the SHA-256 of {@code value}'s canonical form, as hex. */
  public static String of(Object value) {
    StringBuilder b = new StringBuilder();
    render(value, b);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void render(Object v, StringBuilder b) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Record r) {
      b.append(r.getClass().getSimpleName()).append('(');
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        b.append(c.getName()).append('=');
        try {
          c.getAccessor().setAccessible(true);
          render(c.getAccessor().invoke(r), b);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("Cannot read " + c.getName() + " of " + r.getClass().getName(), e);
        }
        b.append(';');
      }
      b.append(')');
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
      b.append('{');
      sorted.forEach((k, val) -> {
        b.append(k).append(':');
        render(val, b);
        b.append(',');
      });
      b.append('}');
    } else if (v instanceof Set<?> s) {
      List<String> items = new ArrayList<>();
      for (Object o : s) {
        StringBuilder one = new StringBuilder();
        render(o, one);
        items.add(one.toString());
      }
      items.sort(null);
      b.append(items);
    } else if (v instanceof Collection<?> c) {
      b.append('[');
      for (Object o : c) {
        render(o, b);
        b.append(',');
      }
      b.append(']');
    } else {
      b.append(v);
    }
  }
}

package io.genlake.ingest;

/** Strict UTF-8 validation over bytes (overlong forms, surrogates and code points above U+10FFFF are invalid). */
final class Utf8 {
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private Utf8() {}

  /** The offset of the first invalid byte in {@code b[off, off+len)}, or -1 when all of it is valid UTF-8. */
  static int firstInvalid(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      // ASCII fast path: eight bytes at a time while none has its high bit set
      while (i + 8 <= end && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
        i += 8;
      }
      if (i == end) {
        break;
      }
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      int n;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        min = 0x10000;
      } else {
        return i;
      }
      if (i + n >= end) {
        return i;
      }
      int cp = c & (0x3F >> n);
      for (int k = 1; k <= n; k++) {
        int cc = b[i + k] & 0xFF;
        if ((cc & 0xC0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return i;
      }
      i += n + 1;
    }
    return -1;
  }
}

package io.genlake.warehouse;

/** Test helper run in a second JVM: holds a warehouse lock until its standard input closes. */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    WarehouseLock.acquire(args[0], "holder-run", "nightly");
    System.out.println("locked");
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait until the test closes our input
    }
  }
}

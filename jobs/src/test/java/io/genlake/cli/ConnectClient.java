package io.genlake.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.xbean.asm9.ClassReader;
import org.apache.xbean.asm9.ClassWriter;
import org.apache.xbean.asm9.commons.ClassRemapper;
import org.apache.xbean.asm9.commons.Remapper;

/**
 * Spark's Scala Connect client (3.5.0, copied to {@code target/connect-client} by the pom) running
 * {@code src/test/connect/ConnectProbe.java} in a JVM of its own. The 3.5.0 client jar refers to Guava and protobuf as
 * {@code org.sparkproject.connect.client.com.google.{common,protobuf}} without carrying them (a packaging fault of that
 * jar; the later 3.5 clients are not served by this registry); {@link #classPath} writes those two packages once,
 * relocated with ASM from the Guava the jar bundles under another name and from protobuf-java 3.23.4, Spark 3.5's.
 */
final class ConnectClient {
  private static final Path DIR = Path.of("target", "connect-client").toAbsolutePath();
  private static final String CLIENT_PACKAGE = "org/sparkproject/connect/client/com/google/";

  private ConnectClient() {}

  /** Runs the probe against {@code url} with {@code args}; returns its standard output, failing on a non-zero exit. */
  static String run(String url, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m"));
    cmd.addAll(List.of(System.getProperty("genlake.javaOpens", "").trim().split("\\s+")));
    cmd.addAll(List.of("-cp", classPath(), Path.of("src", "test", "connect", "ConnectProbe.java").toString(), url));
    cmd.addAll(List.of(args));
    cmd.removeIf(String::isEmpty);
    Process p = new ProcessBuilder(cmd).redirectError(DIR.resolve("probe.err").toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError("the Spark Connect probe failed: " + out + Files.readString(DIR.resolve("probe.err")));
    }
    return out;
  }

  /**
   * The client jar, the two relocated packages, then Spark's API jars from classpath.txt (not Spark SQL itself); also
   * written to {@code target/connect-client/classpath.txt}.
   */
  static synchronized String classPath() throws IOException {
    Path client = DIR.resolve("spark-connect-client-jvm.jar");
    Path guava = DIR.resolve("guava-relocated.jar");
    Path protobuf = DIR.resolve("protobuf-relocated.jar");
    if (!Files.exists(guava)) {
      relocate(client, "org/sparkproject/guava/", CLIENT_PACKAGE + "common/", guava);
    }
    if (!Files.exists(protobuf)) {
      relocate(DIR.resolve("protobuf-java.jar"), "com/google/protobuf/", CLIENT_PACKAGE + "protobuf/", protobuf);
    }
    List<String> entries = new ArrayList<>(List.of(client.toString(), guava.toString(), protobuf.toString()));
    for (String e : Files.readString(Path.of("target", "classpath.txt")).strip().split(File.pathSeparator)) {
      String name = Path.of(e).getFileName().toString();
      // the client's SparkSession, Dataset, ... would otherwise meet Spark SQL's classes of the same names
      if (!name.matches("(spark-(sql|core|catalyst)_.*|delta-.*|genlake-.*)")) {
        entries.add(e);
      }
    }
    String classPath = String.join(File.pathSeparator, entries);
    // for running the probe by hand (docs/sql-endpoint.md, BENCHMARKS.md)
    Files.writeString(DIR.resolve("classpath.txt"), classPath + "\n");
    return classPath;
  }

  /** Copies the classes of {@code jar} under {@code from} to {@code out}, renamed (and every reference) to {@code to}. */
  private static void relocate(Path jar, String from, String to, Path out) throws IOException {
    Remapper remapper = new Remapper() {
      @Override
      public String map(String internalName) {
        return internalName.startsWith(from) ? to + internalName.substring(from.length()) : internalName;
      }
    };
    Path tmp = Files.createTempFile(DIR, out.getFileName().toString(), ".tmp");
    try (ZipFile in = new ZipFile(jar.toFile());
        OutputStream file = Files.newOutputStream(tmp);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      for (ZipEntry e : Collections.list(in.entries())) {
        if (e.getName().startsWith(from) && e.getName().endsWith(".class")) {
          ClassWriter writer = new ClassWriter(0);
          new ClassReader(in.getInputStream(e)).accept(new ClassRemapper(writer, remapper), 0);
          String name = e.getName().substring(0, e.getName().length() - ".class".length());
          zip.putNextEntry(new ZipEntry(remapper.map(name) + ".class"));
          zip.write(writer.toByteArray());
          zip.closeEntry();
        }
      }
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}

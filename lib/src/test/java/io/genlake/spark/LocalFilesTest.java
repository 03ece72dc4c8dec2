package io.genlake.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.testing.TestSpark;
import java.io.FileNotFoundException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalFiles}: the shell-free calls behave as Hadoop's, and local sessions use them. */
class LocalFilesTest {
  @TempDir java.nio.file.Path dir;

  private static Configuration conf() {
    Configuration c = new Configuration(false);
    LocalFiles.CONF.forEach((k, v) -> c.set(k.substring("spark.hadoop.".length()), v));
    return c;
  }

  @Test
  void setsPermissionBitsWithoutAProcess() throws Exception {
    LocalFiles.Raw fs = new LocalFiles.Raw();
    fs.initialize(java.net.URI.create("file:///"), conf());
    java.nio.file.Path file = Files.writeString(dir.resolve("a.txt"), "x");
    fs.setPermission(new Path(file.toUri()), new FsPermission((short) 0640));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    fs.setPermission(new Path(file.toUri()), new FsPermission((short) 0755));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertThrows(FileNotFoundException.class,
        () -> fs.setPermission(new Path(dir.resolve("missing").toUri()), new FsPermission((short) 0644)));
  }

  @Test
  void linkStatusOfFilesAndSymbolicLinks() throws Exception {
    LocalFiles.Raw fs = new LocalFiles.Raw();
    fs.initialize(java.net.URI.create("file:///"), conf());
    java.nio.file.Path file = Files.writeString(dir.resolve("data.bin"), "12345");
    FileStatus plain = fs.getFileLinkStatus(new Path(file.toUri()));
    assertFalse(plain.isSymlink());
    assertEquals(5, plain.getLen());
    assertEquals(fs.getFileStatus(new Path(file.toUri())), plain);

    java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link"), file);
    FileStatus l = fs.getFileLinkStatus(new Path(link.toUri()));
    assertTrue(l.isSymlink());
    assertEquals(new Path("file://" + file), l.getSymlink());

    java.nio.file.Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
    assertTrue(fs.getFileLinkStatus(new Path(dangling.toUri())).isSymlink());
    assertThrows(FileNotFoundException.class, () -> fs.getFileLinkStatus(new Path(dir.resolve("absent").toUri())));
  }

  @Test
  void fileContextRenameStillRefusesAnExistingTarget() throws Exception {
    // Delta's log store commits a version by renaming a temporary file without overwrite: the put-if-absent it
    // relies on must hold through the FileContext file system
    FileContext fc = FileContext.getFileContext(java.net.URI.create("file:///"), conf());
    assertEquals(LocalFiles.ChecksummedFs.class, fc.getDefaultFileSystem().getClass());
    Path tmp = new Path(dir.resolve(".00001.json.tmp").toUri());
    Path committed = new Path(dir.resolve("00001.json").toUri());
    try (OutputStream out = fc.create(tmp, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
      out.write("first".getBytes(StandardCharsets.UTF_8));
    }
    fc.rename(tmp, committed, Options.Rename.NONE);
    assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("00001.json")));
    Path second = new Path(dir.resolve(".00001.json.tmp2").toUri());
    try (OutputStream out = fc.create(second, EnumSet.of(CreateFlag.CREATE))) {
      out.write("second".getBytes(StandardCharsets.UTF_8));
    }
    assertThrows(FileAlreadyExistsException.class, () -> fc.rename(second, committed, Options.Rename.NONE));
    assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("00001.json")));
  }

  @Test
  void localSessionsUseThem() throws Exception {
    Configuration hadoop = TestSpark.session().sparkContext().hadoopConfiguration();
    FileSystem fs = new Path(dir.toUri()).getFileSystem(hadoop);
    assertEquals(LocalFiles.Checksummed.class, fs.getClass());
    assertEquals(LocalFiles.Raw.class, ((org.apache.hadoop.fs.LocalFileSystem) fs).getRaw().getClass());
    Path made = new Path(dir.resolve("made/deeper").toUri());
    assertTrue(fs.mkdirs(made, new FsPermission((short) 0750)));
    assertEquals("rwxr-x---",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("made/deeper"))));
  }
}

package io.genlake.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FSLinkResolver;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system without its shell commands. Without Hadoop's native library (not published to Maven
 * Central, so absent from genlake's class path), {@link RawLocalFileSystem} runs {@code chmod} in a new process for
 * every file and directory it creates and {@code readlink} for every Delta commit's rename: some 3,000 processes in
 * one nightly on the bundled sample, each a fork of the driver JVM. These classes make the same two calls through
 * {@code java.nio} instead; everything else is Hadoop's. Installed for local-mode sessions by {@link #CONF}.
 */
public final class LocalFiles {
  /** The Hadoop settings (as Spark {@code spark.hadoop.*} keys) that install these file systems for {@code file:}. */
  public static final Map<String, String> CONF = Map.of(
      "spark.hadoop.fs.file.impl", Checksummed.class.getName(),
      "spark.hadoop.fs.AbstractFileSystem.file.impl", ChecksummedFs.class.getName());

  private LocalFiles() {}

  /** {@link RawLocalFileSystem} whose permission and link-status calls use {@code java.nio}, not a process. */
  public static class Raw extends RawLocalFileSystem {
    /**
     * Sets the permission bits with {@link Files#setPosixFilePermissions}; a sticky bit, or a file system without
     * POSIX permissions, goes to Hadoop's own implementation.
     */
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      java.nio.file.Path file = pathToFile(p).toPath();
      try {
        Files.setPosixFilePermissions(file, posix(permission));
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + p + " does not exist");
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }

    /**
     * The status of {@code f}, or of the link itself when {@code f} is a symbolic link (its target from
     * {@link Files#readSymbolicLink}, qualified as Hadoop's implementation does).
     */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      java.nio.file.Path file = pathToFile(f).toPath();
      if (!Files.isSymbolicLink(file)) {
        return getFileStatus(f);
      }
      Path target = new Path(Files.readSymbolicLink(file).toString());
      FileStatus link;
      try {
        FileStatus to = getFileStatus(f);
        link = new FileStatus(to.getLen(), false, to.getReplication(), to.getBlockSize(), to.getModificationTime(),
            to.getAccessTime(), to.getPermission(), to.getOwner(), to.getGroup(), target, f);
      } catch (FileNotFoundException dangling) {
        link = new FileStatus(0, false, 0, 0, 0, 0, FsPermission.getDefault(), "", "", target, f);
      }
      link.setSymlink(FSLinkResolver.qualifySymlinkTarget(getUri(), link.getPath(), link.getSymlink()));
      return link;
    }

    private static Set<PosixFilePermission> posix(FsPermission permission) {
      Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
      add(out, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
      add(out, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE);
      add(out, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
      return out;
    }

    private static void add(Set<PosixFilePermission> out, FsAction a, PosixFilePermission read,
        PosixFilePermission write, PosixFilePermission execute) {
      if (a.implies(FsAction.READ)) {
        out.add(read);
      }
      if (a.implies(FsAction.WRITE)) {
        out.add(write);
      }
      if (a.implies(FsAction.EXECUTE)) {
        out.add(execute);
      }
    }
  }

  /** {@link LocalFileSystem} (checksummed, the {@code FileSystem} API) over {@link Raw}. */
  public static class Checksummed extends LocalFileSystem {
    public Checksummed() {
      super(new Raw());
    }
  }

  /** The {@code FileContext} API's local file system (as {@code LocalFs}) over {@link Raw}: Delta's log writes. */
  public static class ChecksummedFs extends ChecksumFs {
    public ChecksummedFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** As Hadoop's {@code RawLocalFs}, delegating to {@link Raw}. */
  static class RawFs extends DelegateToFileSystem {
    RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }
}

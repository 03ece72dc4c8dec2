package io.genlake.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where an asset's thumbnail comes from: its local {@code path} (absolute or under the landing) when that is a PNG,
 * JPEG, WebP or GIF file of at most 2 MB, served by the server itself; otherwise a placeholder label saying why. A
 * remote {@code url} is only offered as a link: the pages load nothing from elsewhere.
 *
 * @param file the image file to serve, when there is one
 * @param mime its media type
 * @param label the placeholder's word when there is no file ("file missing", "video", "remote only", ...)
 * @param detail the full story, shown as a tooltip
 */
public record LocalImage(Optional<Path> file, String mime, String label, String detail) {
  /** Largest image served. */
  public static final long MAX_BYTES = 2L << 20;
  private static final Set<String> VIDEO = Set.of("mp4", "webm", "mov", "mkv", "avi", "m4v");

  /** Resolves an asset's image; {@code path} and {@code url} as in gold.asset_tags. */
  public static LocalImage of(Optional<String> path, Optional<String> url, Path landing) {
    if (path.isEmpty() || path.get().isBlank()) {
      return url.isPresent() ? none("remote only", "remote image " + url.get() + ": not loaded, pages load nothing "
          + "from elsewhere") : none("no image", "no path or URL");
    }
    String p = path.get();
    String lower = p.toLowerCase(Locale.ROOT);
    String ext = lower.substring(lower.lastIndexOf('.') + 1);
    String mime = switch (ext) {
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      case "webp" -> "image/webp";
      case "gif" -> "image/gif";
      default -> "";
    };
    if (mime.isEmpty()) {
      return VIDEO.contains(ext) ? none("video", p + ": a video, no still image to show")
          : none("not an image", p + ": not a PNG, JPEG, WebP or GIF file");
    }
    Path file = Path.of(p).isAbsolute() ? Path.of(p) : landing.resolve(p);
    try {
      if (!Files.isRegularFile(file)) {
        return none("file missing", p + ": no such file at " + file);
      }
      if (Files.size(file) > MAX_BYTES) {
        return none("over 2 MB", p + ": larger than 2 MB, not shown");
      }
    } catch (java.io.IOException e) {
      return none("unreadable", p + ": cannot be read (" + e.getMessage() + ")");
    }
    return new LocalImage(Optional.of(file), mime, "", p);
  }

  private static LocalImage none(String label, String detail) {
    return new LocalImage(Optional.empty(), "", label, detail);
  }
}

package io.genlake.fit.inspector;

import io.genlake.table.GoldAssetTags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * An asset's thumbnail for the self-contained page: a local image file (its {@code path}, absolute or under the
 * landing) embedded as a data URI; anything else a placeholder saying why in a word, with the detail as its
 * tooltip, and a remote {@code url} offered as a link to open, never loaded by the page.
 */
final class Thumbnails {
  /** Largest image embedded. */
  static final long MAX_EMBEDDED_IMAGE = 2L << 20;
  private static final Set<String> VIDEO = Set.of("mp4", "webm", "mov", "mkv", "avi", "m4v");

  /**
   * What the page shows for an asset.
   *
   * @param dataUri the embedded image
   * @param label a word or two on the placeholder ("file missing", "video", "remote only")
   * @param detail the full story: which path, why not shown
   * @param link a remote http(s) URL of the asset, shown as a link
   */
  record Thumbnail(Optional<String> dataUri, String label, String detail, Optional<String> link) {}

  private Thumbnails() {}

  static Thumbnail of(Row asset, Path landing) {
    if (asset == null) {
      return none("unknown asset", "asset not in gold.asset_tags", Optional.empty());
    }
    String url = asset.getAs(GoldAssetTags.URL);
    Optional<String> link = Optional.ofNullable(url).filter(u -> u.startsWith("https://") || u.startsWith("http://"));
    String path = asset.getAs(GoldAssetTags.PATH);
    if (path == null || path.isBlank()) {
      return link.isPresent()
          ? none("remote only", "remote image " + link.get() + ": not loaded, the page is self-contained", link)
          : none("no image", "no path or URL", link);
    }
    Path p = Path.of(path).isAbsolute() ? Path.of(path) : landing.resolve(path);
    String lower = path.toLowerCase(Locale.ROOT);
    String ext = lower.substring(lower.lastIndexOf('.') + 1);
    String mime = switch (ext) {
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      case "webp" -> "image/webp";
      case "gif" -> "image/gif";
      default -> null;
    };
    try {
      if (mime == null) {
        return VIDEO.contains(ext) ? none("video", path + ": a video, no still image to show", link)
            : none("not an image", path + ": not a PNG, JPEG, WebP or GIF file", link);
      }
      if (!Files.isRegularFile(p)) {
        return none("file missing", path + ": no such file at " + p, link);
      }
      if (Files.size(p) > MAX_EMBEDDED_IMAGE) {
        return none("over 2 MB", path + ": larger than 2 MB, not embedded", link);
      }
      String uri = "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(p));
      return new Thumbnail(Optional.of(uri), "", path, link);
    } catch (IOException e) {
      return none("unreadable", path + ": cannot be read (" + e.getMessage() + ")", link);
    }
  }

  private static Thumbnail none(String label, String detail, Optional<String> link) {
    return new Thumbnail(Optional.empty(), label, detail, link);
  }
}

package io.genlake.fit.inspector;

import io.genlake.table.GoldAssetTags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * An asset's thumbnail for the self-contained page: a local image file (its {@code path}, absolute or under the
 * landing) embedded as a data URI; anything else a placeholder saying why, with a remote {@code url} offered as
 * a link to open, never loaded by the page.
 */
final class Thumbnails {
  /** Largest image embedded. */
  static final long MAX_EMBEDDED_IMAGE = 2L << 20;

  /**
   * What the page shows for an asset.
   *
   * @param dataUri the embedded image
   * @param note why there is no image, or the image's path
   * @param link a remote http(s) URL of the asset, shown as a link
   */
  record Thumbnail(Optional<String> dataUri, String note, Optional<String> link) {}

  private Thumbnails() {}

  static Thumbnail of(Row asset, Path landing) {
    if (asset == null) {
      return new Thumbnail(Optional.empty(), "asset not in gold.asset_tags", Optional.empty());
    }
    String url = asset.getAs(GoldAssetTags.URL);
    Optional<String> link = Optional.ofNullable(url)
        .filter(u -> u.startsWith("https://") || u.startsWith("http://"));
    String path = asset.getAs(GoldAssetTags.PATH);
    if (path == null || path.isBlank()) {
      return new Thumbnail(Optional.empty(), link.isPresent() ? "remote image, not loaded: the page is self-contained"
          : "no path or URL", link);
    }
    Path p = Path.of(path).isAbsolute() ? Path.of(path) : landing.resolve(path);
    String lower = path.toLowerCase(Locale.ROOT);
    String mime = lower.endsWith(".png") ? "image/png" : lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "image/jpeg"
        : lower.endsWith(".webp") ? "image/webp" : lower.endsWith(".gif") ? "image/gif" : null;
    try {
      if (mime == null) {
        return new Thumbnail(Optional.empty(), path + ": not a PNG, JPEG, WebP or GIF image", link);
      }
      if (!Files.isRegularFile(p)) {
        return new Thumbnail(Optional.empty(), path + ": no such file under the landing", link);
      }
      if (Files.size(p) > MAX_EMBEDDED_IMAGE) {
        return new Thumbnail(Optional.empty(), path + ": larger than 2 MB, not embedded", link);
      }
      String uri = "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(p));
      return new Thumbnail(Optional.of(uri), path, link);
    } catch (IOException e) {
      return new Thumbnail(Optional.empty(), path + ": cannot be read (" + e.getMessage() + ")", link);
    }
  }
}

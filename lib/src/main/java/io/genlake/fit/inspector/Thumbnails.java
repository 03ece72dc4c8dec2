package io.genlake.fit.inspector;

import io.genlake.serve.LocalImage;
import io.genlake.table.GoldAssetTags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * An asset's thumbnail for the self-contained page: a local image file (its {@code path}, absolute or under the
 * landing) embedded as a data URI; anything else a placeholder saying why in a word, with the detail as its
 * tooltip, and a remote {@code url} offered as a link to open, never loaded by the page.
 */
final class Thumbnails {
  /** Largest image embedded. */
  static final long MAX_EMBEDDED_IMAGE = LocalImage.MAX_BYTES;

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
    Optional<String> url = Optional.ofNullable(asset.<String>getAs(GoldAssetTags.URL));
    Optional<String> link = url.filter(u -> u.startsWith("https://") || u.startsWith("http://"));
    LocalImage image = LocalImage.of(Optional.ofNullable(asset.<String>getAs(GoldAssetTags.PATH)), link, landing);
    if (image.file().isEmpty()) {
      String detail = image.label().equals("remote only")
          ? "remote image " + link.orElse("") + ": not loaded, the page is self-contained" : image.detail();
      return none(image.label(), detail, link);
    }
    try {
      String uri = "data:" + image.mime() + ";base64," + Base64.getEncoder().encodeToString(
          Files.readAllBytes(image.file().get()));
      return new Thumbnail(Optional.of(uri), "", image.detail(), link);
    } catch (IOException e) {
      return none("unreadable", image.detail() + ": cannot be read (" + e.getMessage() + ")", link);
    }
  }

  private static Thumbnail none(String label, String detail, Optional<String> link) {
    return new Thumbnail(Optional.empty(), label, detail, link);
  }
}

package io.genlake.fit.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.table.GoldAssetTags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailsTest {
  private static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

  private static Row asset(String path, String url) {
    Object[] cells = new Object[GoldAssetTags.SCHEMA.size()];
    cells[GoldAssetTags.SCHEMA.fieldIndex(GoldAssetTags.PATH)] = path;
    cells[GoldAssetTags.SCHEMA.fieldIndex(GoldAssetTags.URL)] = url;
    return new GenericRowWithSchema(cells, GoldAssetTags.SCHEMA);
  }

  @Test
  void aLocalImageIsEmbeddedAndARemoteOneIsOnlyALink(@TempDir Path landing) throws Exception {
    Files.createDirectories(landing.resolve("images"));
    Files.write(landing.resolve("images/a1.png"), PNG);
    Thumbnails.Thumbnail local = Thumbnails.of(asset("images/a1.png", "https://cdn.example.com/a1.png"), landing);
    assertEquals(Optional.of("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG)), local.dataUri());
    assertEquals(Optional.of("https://cdn.example.com/a1.png"), local.link());

    Thumbnails.Thumbnail remote = Thumbnails.of(asset(null, "https://cdn.example.com/a5.png"), landing);
    assertEquals(Optional.empty(), remote.dataUri());
    assertEquals("remote only", remote.label());
    assertEquals("remote image https://cdn.example.com/a5.png: not loaded, the page is self-contained", remote.detail());
    assertEquals(Optional.of("https://cdn.example.com/a5.png"), remote.link());
  }

  @Test
  void everyOtherCaseIsAPlaceholderSayingWhy(@TempDir Path landing) throws Exception {
    assertEquals("file missing", Thumbnails.of(asset("outputs/1/a.png", null), landing).label());
    assertEquals("outputs/1/a.png: no such file at " + landing.resolve("outputs/1/a.png"),
        Thumbnails.of(asset("outputs/1/a.png", null), landing).detail());
    assertEquals("video", Thumbnails.of(asset("outputs/1/a.mp4", null), landing).label());
    assertEquals("not an image", Thumbnails.of(asset("notes.txt", null), landing).label());
    assertEquals("no image", Thumbnails.of(asset(null, null), landing).label());
    assertEquals("unknown asset", Thumbnails.of(null, landing).label());
    assertEquals(Optional.empty(), Thumbnails.of(asset(null, "ftp://example.com/a.png"), landing).link(), "http(s) only");
    Path big = landing.resolve("big.png");
    Files.write(big, new byte[(int) Thumbnails.MAX_EMBEDDED_IMAGE + 1]);
    Thumbnails.Thumbnail tooBig = Thumbnails.of(asset(big.toString(), null), landing);
    assertEquals("over 2 MB", tooBig.label());
    assertTrue(tooBig.dataUri().isEmpty());
  }
}

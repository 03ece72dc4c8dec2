package io.genlake.notebook;

import io.genlake.config.ConfigLoader;
import io.genlake.config.GenlakeConfig;
import io.genlake.spark.SparkSessions;
import io.genlake.warehouse.Warehouse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * What notebook cells use: the warehouse ({@code $GENLAKE_WAREHOUSE}, else {@code ./warehouse}) opened through a
 * local SparkSession with every table registered as {@code <layer>.<table>}, a compact table printer, and
 * chart display. Charts are collected as PNGs so that the headless notebook runner can store them as cell
 * outputs; under a Jupyter Java kernel they are also written next to the notebook and their path printed.
 */
public final class Notebooks {
  private static final List<byte[]> PENDING_IMAGES = new ArrayList<>();
  private static Warehouse warehouse;

  private Notebooks() {}

  /** The warehouse, opened once per notebook (local[*] unless a session already exists). */
  public static synchronized Warehouse warehouse() {
    if (warehouse == null) {
      GenlakeConfig config = ConfigLoader.defaults();
      String root = Optional.ofNullable(System.getenv("GENLAKE_WAREHOUSE")).filter(s -> !s.isBlank())
          .orElse(config.paths().warehouse());
      SparkSession spark = SparkSessions.create("genlake notebook", config.spark().longLived(), Path.of(root));
      warehouse = new Warehouse(spark, root);
      warehouse.registerAll();
      io.genlake.table.Views.registerAll(warehouse);
    }
    return warehouse;
  }

  /** The notebook's SparkSession. */
  public static SparkSession spark() {
    return warehouse().spark();
  }

  /** Runs {@code sql} and prints up to {@code rows} rows as a table. */
  public static Dataset<Row> show(String sql, int rows) {
    Dataset<Row> df = spark().sql(sql);
    System.out.print(df.showString(rows, 40, false));
    return df;
  }

  /** Prints up to {@code rows} rows of {@code df} as a table. */
  public static Dataset<Row> show(Dataset<Row> df, int rows) {
    System.out.print(df.showString(rows, 40, false));
    return df;
  }

  /** Displays an XChart chart: kept as a PNG cell output. */
  public static void display(Chart<?, ?> chart) {
    display(BitmapEncoder.getBufferedImage(chart));
  }

  /** Displays an image: kept as a PNG cell output. */
  public static synchronized void display(BufferedImage image) {
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(image, "png", png);
      PENDING_IMAGES.add(png.toByteArray());
      System.out.println("[chart " + image.getWidth() + "x" + image.getHeight() + "]");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The images displayed since the last call (the runner attaches them to the cell that made them). */
  public static synchronized List<byte[]> drainImages() {
    List<byte[]> out = List.copyOf(PENDING_IMAGES);
    PENDING_IMAGES.clear();
    return out;
  }
}

package io.genlake.fit;

import static org.apache.spark.sql.functions.col;

import io.genlake.ontology.Tagger;
import io.genlake.ontology.Tags;
import io.genlake.table.GoldAssetTags;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverGenerations;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Seed 000 Task B: each non-deleted asset's ontology IDs from its captions and its source generation's
 * final prompt (the negative prompt is never read). Cost: one join of assets with generations on the
 * generation id, then one linear tagging pass per partition.
 */
final class AssetTagging {
  static final String CAPTION = "caption";
  static final String GENERATION_PROMPT = "generation_prompt";

  private AssetTagging() {}

  /** Rows of {@link GoldAssetTags#SCHEMA}. */
  static Dataset<Row> tag(Dataset<Row> assets, Dataset<Row> generations, Broadcast<Tagger> tagger) {
    Dataset<Row> a = assets.where(col(SilverAssets.IS_DELETED).equalTo(false)).alias("a");
    Dataset<Row> g = generations.select(col(SilverGenerations.GENERATION_ID), col(SilverGenerations.FINAL_PROMPT))
        .alias("g");
    Dataset<Row> joined = a.join(g, col("a." + SilverAssets.SOURCE_GENERATION_ID)
            .equalTo(col("g." + SilverGenerations.GENERATION_ID)), "left")
        .select(col("a." + SilverAssets.ASSET_ID), col("a." + SilverAssets.SOURCE_GENERATION_ID),
            col("a." + SilverAssets.CAPTIONS), col("g." + SilverGenerations.FINAL_PROMPT),
            col("a." + SilverAssets.PATH), col("a." + SilverAssets.URL));
    MapPartitionsFunction<Row, Row> f = rows -> tagPartition(rows, tagger.value());
    return joined.mapPartitions(f, Encoders.row(GoldAssetTags.SCHEMA));
  }

  private static Iterator<Row> tagPartition(Iterator<Row> rows, Tagger tagger) {
    List<Row> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      List<String> texts = new ArrayList<>();
      List<String> sources = new ArrayList<>();
      List<String> captions = r.isNullAt(2) ? List.of() : r.getList(2);
      for (String c : captions) {
        if (c != null && !c.isBlank()) {
          texts.add(c);
        }
      }
      if (!texts.isEmpty()) {
        sources.add(CAPTION);
      }
      String prompt = r.isNullAt(3) ? null : r.getString(3);
      if (prompt != null && !prompt.isBlank()) {
        texts.add(prompt);
        sources.add(GENERATION_PROMPT);
      }
      Tags tags = tagger.tagTexts(texts);
      out.add(RowFactory.create(r.getString(0), r.isNullAt(1) ? null : r.getString(1), Seqs.of(tags.ids()),
          Seqs.of(tags.roles()), Seqs.of(tags.negated()), Seqs.of(sources), !texts.isEmpty(), r.isNullAt(4) ? null : r.getString(4),
          r.isNullAt(5) ? null : r.getString(5)));
    }
    return out.iterator();
  }
}

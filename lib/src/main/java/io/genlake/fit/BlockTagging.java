package io.genlake.fit;

import static org.apache.spark.sql.functions.col;

import io.genlake.ontology.Tagger;
import io.genlake.ontology.Tags;
import io.genlake.table.Fields;
import io.genlake.table.SilverActionBlocks;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Block tags: each non-deleted block's own tags normalized to IDs plus the IDs of its prompt. Blocks are
 * few (thousands) and are broadcast to the candidate search anyway, so they are tagged on the driver.
 */
final class BlockTagging {
  static final String BLOCK_ID = "block_id";
  static final String BLOCK_IDS = "block_ontology_ids";
  static final String UNMAPPED = "block_unmapped_tags";
  static final StructType SCHEMA = Fields.schema(
      Fields.required(BLOCK_ID, DataTypes.StringType),
      Fields.required(BLOCK_IDS, Fields.STRINGS),
      Fields.required(UNMAPPED, Fields.STRINGS));

  /** A tagged block; {@code hasText} is false when it had neither prompt nor tags. */
  record TaggedBlock(String blockId, String prompt, List<String> rawTags, Tags tags, boolean hasText) {}

  private BlockTagging() {}

  /** Collects and tags the non-deleted blocks, in block_id order. Cost: blocks are collected to the driver. */
  static List<TaggedBlock> tag(Dataset<Row> blocks, Tagger tagger) {
    List<TaggedBlock> out = new ArrayList<>();
    List<Row> rows = blocks.where(col(SilverActionBlocks.IS_DELETED).equalTo(false))
        .select(col(SilverActionBlocks.BLOCK_ID), col(SilverActionBlocks.PROMPT), col(SilverActionBlocks.TAGS))
        .orderBy(SilverActionBlocks.BLOCK_ID)
        .collectAsList();
    for (Row r : rows) {
      String prompt = r.isNullAt(1) ? null : r.getString(1);
      List<String> tags = r.isNullAt(2) ? List.of() : r.getList(2);
      boolean hasText = (prompt != null && !prompt.isBlank()) || tags.stream().anyMatch(t -> t != null && !t.isBlank());
      out.add(new TaggedBlock(r.getString(0), prompt, tags, tagger.tagBlock(tags, prompt), hasText));
    }
    return out;
  }

  /** The tagged blocks as a small frame of {@link #SCHEMA} to join ratings with. */
  static Dataset<Row> frame(SparkSession spark, List<TaggedBlock> blocks) {
    List<Row> rows = new ArrayList<>();
    for (TaggedBlock b : blocks) {
      rows.add(RowFactory.create(b.blockId(), b.tags().ids(), b.tags().unmapped()));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}

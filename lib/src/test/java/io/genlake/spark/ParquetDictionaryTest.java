package io.genlake.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genlake.testing.TestSpark;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Columns of unique values are written without Parquet's dictionary; other columns keep it. */
class ParquetDictionaryTest {
  @Test
  void uniqueColumnsSkipTheDictionary(@TempDir Path dir) throws Exception {
    SparkSession spark = TestSpark.session();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      // few distinct values, so that Parquet would keep a dictionary for every column if it were allowed to
      rows.add(RowFactory.create(String.format("%064x", i % 10), "generation", (long) (i % 10)));
    }
    StructType schema = new StructType().add("checksum", DataTypes.StringType).add("kind", DataTypes.StringType)
        .add("source_line", DataTypes.LongType);
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(dir.resolve("t").toString());
    File file = java.util.Arrays.stream(dir.resolve("t").toFile().listFiles())
        .filter(f -> f.getName().endsWith(".parquet")).findFirst().orElseThrow();
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toURI()), new Configuration()))) {
      for (ColumnChunkMetaData c : reader.getFooter().getBlocks().get(0).getColumns()) {
        Set<Encoding> encodings = c.getEncodings();
        // Parquet v1 pages name their dictionary encoding PLAIN_DICTIONARY (deprecated name, same meaning)
        boolean dictionary = encodings.stream().anyMatch(Encoding::usesDictionary);
        String name = c.getPath().toDotString();
        if (SparkSessions.UNIQUE_COLUMNS.contains(name)) {
          assertFalse(dictionary, name + " " + encodings);
        } else {
          assertTrue(dictionary, name + " " + encodings);
        }
      }
    }
  }
}

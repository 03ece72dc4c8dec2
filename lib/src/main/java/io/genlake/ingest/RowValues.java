package io.genlake.ingest;

import io.genlake.table.Lineage;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The values of one silver row's own columns (all but lineage), set by name, plus the record's event time. */
final class RowValues {
  /** Column positions of a silver schema's own columns. */
  static final class Layout {
    private final List<StructField> columns = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    Layout(StructType silverSchema) {
      Set<String> lineage = Set.of(Lineage.SOURCE, Lineage.SOURCE_LINE, Lineage.INGEST_RUN_ID,
          Lineage.INGESTED_AT, Lineage.EVENT_TIME);
      for (StructField f : silverSchema.fields()) {
        if (!lineage.contains(f.name())) {
          index.put(f.name(), columns.size());
          columns.add(f);
        }
      }
    }

    List<StructField> columns() {
      return columns;
    }
  }

  private final Layout layout;
  private final Object[] values;
  private Timestamp eventTime;

  RowValues(Layout layout) {
    this.layout = layout;
    this.values = new Object[layout.columns.size()];
  }

  RowValues put(String column, Object value) {
    Integer i = layout.index.get(column);
    if (i == null) {
      throw new IllegalArgumentException("No column " + column + " in the silver contract");
    }
    values[i] = value;
    return this;
  }

  RowValues eventTime(Timestamp t) {
    eventTime = t;
    return this;
  }

  Object[] values() {
    return values;
  }

  Timestamp eventTime() {
    return eventTime;
  }

  /** The first non-null timestamp: event time is the latest known state change. */
  static Timestamp firstOf(Timestamp... candidates) {
    for (Timestamp t : candidates) {
      if (t != null) {
        return t;
      }
    }
    return null;
  }
}

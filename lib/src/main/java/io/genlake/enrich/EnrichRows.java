package io.genlake.enrich;

import static io.genlake.table.Fields.optional;
import static org.apache.spark.sql.types.DataTypes.StringType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.table.Fields;
import io.genlake.table.GoldCanonicalHashChanges;
import io.genlake.table.Lineage;
import io.genlake.table.SilverGenerations;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The per-partition Java loop of the enrichment: for each generation row (with the prompt versions the joins
 * found for it) computes the prompt resolution, the canonical hash and the content rating with the pure
 * classes of this package. One JSON parser per partition; no shuffle.
 */
final class EnrichRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** How the parameters JSON was read: {@code ok}, {@code none} or {@code invalid_json}; counted per run. */
  static final String PARAMETERS_STATUS = "_parameters_status";
  /** {@link ContentRatingPolicy.Status} label; counted per run. */
  static final String SOCIAL_STATUS = "_social_status";
  /** The canonical hash silver held before this enrichment (null when none). */
  static final String PREVIOUS_HASH = "_previous_hash";
  /** The previous resolved prompt version id. */
  static final String PREVIOUS_VERSION = "_previous_version";
  /** Why the hash changed ({@link GoldCanonicalHashChanges#REASONS}); null when it did not change or was new. */
  static final String HASH_CHANGE = "_hash_change";

  /** The enrichment columns this loop computes, in silver.generations order. */
  static final List<String> COMPUTED = List.of(SilverGenerations.CANONICAL_HASH, SilverGenerations.RESOLVED_PROMPT,
      SilverGenerations.RESOLVED_PROMPT_VERSION_ID, SilverGenerations.PROMPT_SOURCE_TYPE,
      SilverGenerations.PROMPT_RESOLUTION_STATUS, SilverGenerations.UNRESOLVED_PLACEHOLDERS,
      SilverGenerations.REQUESTED_CONTENT_RATING, SilverGenerations.CONTENT_RATING, SilverGenerations.ENRICHED_AT);

  /**
   * Output: the whole silver.generations row with its enrichment columns filled (so a full run can rewrite
   * the table without joining back), then the two statuses and the hash change (previous hash and version, why).
   */
  static final StructType SCHEMA = Fields.schema(List.of(SilverGenerations.SCHEMA.fields()), List.of(
      optional(PARAMETERS_STATUS, StringType),
      optional(SOCIAL_STATUS, StringType),
      optional(PREVIOUS_HASH, StringType),
      optional(PREVIOUS_VERSION, StringType),
      optional(HASH_CHANGE, StringType)));

  private final String hashAlgorithm;
  private final ContentRatingPolicy ratings;
  private final Timestamp enrichedAt;
  private transient int[] copyIndexes;

  EnrichRows(String hashAlgorithm, ContentRatingPolicy ratings, Timestamp enrichedAt) {
    this.hashAlgorithm = hashAlgorithm;
    this.ratings = ratings;
    this.enrichedAt = enrichedAt;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ObjectMapper json = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    CanonicalHash hasher = new CanonicalHash(hashAlgorithm);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        return enrich(rows.next(), json, hasher);
      }
    };
  }

  private Row enrich(Row r, ObjectMapper json, CanonicalHash hasher) {
    Optional<String> configText = string(r, SilverGenerations.PROMPT_CONFIG);
    Optional<PromptConfig> config = configText.flatMap(t -> parse(json, t)).flatMap(PromptConfig::from);
    PromptResolver.Candidates found = new PromptResolver.Candidates(
        version(r, GenerationEnricher.BY_ID_VERSION, GenerationEnricher.BY_ID_TEXT),
        !r.isNullAt(r.fieldIndex(GenerationEnricher.FAMILY_KNOWN)),
        version(r, GenerationEnricher.LATEST_VERSION, GenerationEnricher.LATEST_TEXT));
    Resolution resolution = PromptResolver.resolve(configText, config, found);

    Optional<String> parametersText = string(r, SilverGenerations.PARAMETERS);
    Optional<JsonNode> parameters = parametersText.flatMap(t -> parse(json, t)).filter(JsonNode::isObject);
    String parametersStatus = parametersText.isEmpty() ? "none" : parameters.isPresent() ? "ok" : "invalid_json";
    String hash = hasher.hash(new CanonicalHash.Input(
        string(r, SilverGenerations.PROVIDER),
        string(r, SilverGenerations.OPERATION_TYPE),
        string(r, SilverGenerations.MODEL_NAME),
        string(r, SilverGenerations.CHECKPOINT),
        loras(r),
        resolution.prompt().or(() -> string(r, SilverGenerations.FINAL_PROMPT)),
        string(r, SilverGenerations.NEGATIVE_PROMPT),
        Optional.ofNullable(r.isNullAt(r.fieldIndex(SilverGenerations.SEED)) ? null
            : r.getLong(r.fieldIndex(SilverGenerations.SEED))),
        CanonicalHash.parameters(parameters, typedParameters(r))));

    Optional<String> socialText = string(r, SilverGenerations.SOCIAL_CONTEXT);
    Optional<JsonNode> social = socialText.map(t -> parse(json, t).orElse(json.getNodeFactory().missingNode()));
    ContentRatingPolicy.Decision rating = ratings.decide(social);

    Object[] computed = {
        hash,
        resolution.prompt().orElse(null),
        resolution.versionId().orElse(null),
        resolution.sourceType().label(),
        resolution.status().label(),
        resolution.unresolvedPlaceholders().toArray(new String[0]),
        rating.requested().map(Rating::label).orElse(null),
        rating.rating().map(Rating::label).orElse(null),
        enrichedAt};
    Object[] out = new Object[SCHEMA.size()];
    int[] copy = copyIndexes(r);
    for (int i = 0; i < copy.length; i++) {
      out[i] = copy[i] >= 0 ? r.get(copy[i]) : computed[-copy[i] - 1];
    }
    out[copy.length] = parametersStatus;
    out[copy.length + 1] = rating.status().label();
    Optional<String> previous = string(r, SilverGenerations.CANONICAL_HASH);
    Optional<String> previousVersion = string(r, SilverGenerations.RESOLVED_PROMPT_VERSION_ID);
    out[copy.length + 2] = previous.orElse(null);
    out[copy.length + 3] = previousVersion.orElse(null);
    out[copy.length + 4] = previous.filter(p -> !p.equals(hash)).map(p -> hashChange(r, previousVersion, resolution))
        .orElse(null);
    return RowFactory.create(out);
  }

  /** Why a row's hash changed: its record was re-ingested, else its prompt resolved differently, else the form changed. */
  private static String hashChange(Row r, Optional<String> previousVersion, Resolution resolution) {
    int enriched = r.fieldIndex(SilverGenerations.ENRICHED_AT);
    int ingested = r.fieldIndex(Lineage.INGESTED_AT);
    if (!r.isNullAt(enriched) && !r.isNullAt(ingested) && r.getTimestamp(enriched).before(r.getTimestamp(ingested))) {
      return GoldCanonicalHashChanges.RECORD_CHANGED;
    }
    Optional<String> previousPrompt = string(r, SilverGenerations.RESOLVED_PROMPT);
    if (!previousVersion.equals(resolution.versionId()) || !previousPrompt.equals(resolution.prompt())) {
      return GoldCanonicalHashChanges.PROMPT_RESOLUTION;
    }
    return GoldCanonicalHashChanges.CANONICAL_FORM;
  }

  /**
   * For each silver.generations column: its index in the input row, or -(k + 1) for the k-th computed column.
   * Input rows of one partition share a schema, so this is computed once per partition.
   */
  private int[] copyIndexes(Row r) {
    if (copyIndexes == null) {
      StructField[] fields = SilverGenerations.SCHEMA.fields();
      copyIndexes = new int[fields.length];
      for (int i = 0; i < fields.length; i++) {
        int k = COMPUTED.indexOf(fields[i].name());
        copyIndexes[i] = k >= 0 ? -k - 1 : r.fieldIndex(fields[i].name());
      }
    }
    return copyIndexes;
  }

  private static Map<String, Object> typedParameters(Row r) {
    Map<String, Object> typed = new LinkedHashMap<>();
    for (String key : CanonicalHash.TYPED_PARAMETERS) {
      int i = r.fieldIndex(key);
      typed.put(key, r.isNullAt(i) ? null : r.get(i));
    }
    return typed;
  }

  private static List<CanonicalHash.Lora> loras(Row r) {
    int i = r.fieldIndex(SilverGenerations.LORAS);
    List<CanonicalHash.Lora> out = new ArrayList<>();
    if (r.isNullAt(i)) {
      return out;
    }
    for (Row lora : r.<Row>getList(i)) {
      if (lora != null) {
        out.add(new CanonicalHash.Lora(
            Optional.ofNullable(lora.isNullAt(0) ? null : lora.getString(0)),
            Optional.ofNullable(lora.isNullAt(1) ? null : lora.getDouble(1))));
      }
    }
    return out;
  }

  private static Optional<PromptResolver.Version> version(Row r, String idColumn, String textColumn) {
    int id = r.fieldIndex(idColumn);
    return r.isNullAt(id) ? Optional.empty()
        : Optional.of(new PromptResolver.Version(r.getString(id), r.getString(r.fieldIndex(textColumn))));
  }

  private static Optional<String> string(Row r, String column) {
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? Optional.empty() : Optional.of(r.getString(i));
  }

  private static Optional<JsonNode> parse(ObjectMapper json, String text) {
    try {
      return Optional.ofNullable(json.readTree(text)).filter(n -> !n.isMissingNode());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}

package io.genlake.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.genlake.table.SilverActionBlocks;
import io.genlake.table.SilverAssets;
import io.genlake.table.SilverPromptVersions;
import io.genlake.table.SilverSessions;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Maps the reference kinds: action blocks (seed 000), assets, prompt versions (seed 001), sessions (seed 002). */
final class ReferenceMappers {
  static final Map<String, List<String>> ACTION_BLOCK_ALIASES = Map.of(SilverActionBlocks.BLOCK_ID, List.of("id"));
  static final Map<String, List<String>> ASSET_ALIASES = Map.of(SilverAssets.ASSET_ID, List.of("id"));
  static final Map<String, List<String>> PROMPT_VERSION_ALIASES = Map.of(SilverPromptVersions.VERSION_ID, List.of("id"));
  static final Map<String, List<String>> SESSION_ALIASES = Map.of(SilverSessions.SESSION_ID, List.of("id"));

  private ReferenceMappers() {}

  static RowValues actionBlock(RecordFields in, RowValues out) {
    Timestamp created = in.requireTimestamp(SilverActionBlocks.CREATED_AT);
    Timestamp updated = in.timestamp(SilverActionBlocks.UPDATED_AT);
    return out.put(SilverActionBlocks.BLOCK_ID, in.requireUuid(SilverActionBlocks.BLOCK_ID))
        .put(SilverActionBlocks.PROMPT, in.string(SilverActionBlocks.PROMPT))
        .put(SilverActionBlocks.TAGS, tags(in))
        .put(SilverActionBlocks.COMPLEXITY_LEVEL, in.string(SilverActionBlocks.COMPLEXITY_LEVEL))
        .put(SilverActionBlocks.SOURCE_TYPE, in.string(SilverActionBlocks.SOURCE_TYPE))
        .put(SilverActionBlocks.IS_COMPOSITE, in.bool(SilverActionBlocks.IS_COMPOSITE, false))
        .put(SilverActionBlocks.COMPONENT_BLOCKS, in.strings(SilverActionBlocks.COMPONENT_BLOCKS))
        .put(SilverActionBlocks.PROMPT_VERSION_ID, in.id(SilverActionBlocks.PROMPT_VERSION_ID))
        .put(SilverActionBlocks.CREATED_AT, created)
        .put(SilverActionBlocks.UPDATED_AT, updated)
        .put(SilverActionBlocks.IS_DELETED, in.bool(SilverActionBlocks.IS_DELETED, false))
        .eventTime(RowValues.firstOf(updated, created));
  }

  /** Tags: a list of strings, or an object whose entries become {@code key:value} (list values: one per item). */
  private static List<String> tags(RecordFields in) {
    try {
      return in.strings(SilverActionBlocks.TAGS);
    } catch (Rejection notAList) {
      if (notAList.rule() != Rule.WRONG_TYPE) {
        throw notAList;
      }
      ObjectNode obj;
      try {
        obj = in.object(SilverActionBlocks.TAGS);
      } catch (Rejection notAnObject) {
        throw in.reject(Rule.WRONG_TYPE, "has tags that are neither a list of strings nor an object of tags");
      }
      List<String> out = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isArray()) {
          v.forEach(item -> out.add(e.getKey() + ":" + item.asText()));
        } else if (v.isValueNode() && !v.isNull()) {
          out.add(e.getKey() + ":" + v.asText());
        } else if (!v.isNull()) {
          throw in.reject(Rule.WRONG_TYPE, "has tags." + e.getKey() + " " + v + ", expected a string or a list");
        }
      }
      return out;
    }
  }

  static RowValues asset(RecordFields in, RowValues out) {
    Timestamp created = in.requireTimestamp(SilverAssets.CREATED_AT);
    List<String> captions;
    try {
      captions = in.strings(SilverAssets.CAPTIONS);
    } catch (Rejection oneString) {
      if (oneString.rule() != Rule.WRONG_TYPE) {
        throw oneString;
      }
      captions = new ArrayList<>(List.of(in.string(SilverAssets.CAPTIONS)));
    }
    return out.put(SilverAssets.ASSET_ID, in.requireId(SilverAssets.ASSET_ID))
        .put(SilverAssets.MEDIA_TYPE, in.requireEnum(SilverAssets.MEDIA_TYPE, SilverAssets.MEDIA_TYPES))
        .put(SilverAssets.SOURCE_GENERATION_ID, in.id(SilverAssets.SOURCE_GENERATION_ID))
        .put(SilverAssets.CAPTIONS, captions)
        .put(SilverAssets.PATH, in.string(SilverAssets.PATH))
        .put(SilverAssets.URL, in.string(SilverAssets.URL))
        .put(SilverAssets.WIDTH, in.integer(SilverAssets.WIDTH, 1, 65_536))
        .put(SilverAssets.HEIGHT, in.integer(SilverAssets.HEIGHT, 1, 65_536))
        .put(SilverAssets.DURATION_SEC, in.decimal(SilverAssets.DURATION_SEC, 0, Double.MAX_VALUE))
        .put(SilverAssets.CREATED_AT, created)
        .put(SilverAssets.IS_DELETED, in.bool(SilverAssets.IS_DELETED, false))
        .eventTime(created);
  }

  static RowValues promptVersion(RecordFields in, RowValues out) {
    Timestamp created = in.requireTimestamp(SilverPromptVersions.CREATED_AT);
    return out.put(SilverPromptVersions.VERSION_ID, in.requireId(SilverPromptVersions.VERSION_ID))
        .put(SilverPromptVersions.FAMILY_ID, in.requireId(SilverPromptVersions.FAMILY_ID))
        .put(SilverPromptVersions.FAMILY_NAME, in.string(SilverPromptVersions.FAMILY_NAME))
        .put(SilverPromptVersions.VERSION_NUMBER,
            in.requireInteger(SilverPromptVersions.VERSION_NUMBER, 1, Integer.MAX_VALUE))
        .put(SilverPromptVersions.PROMPT_TEXT, in.requireString(SilverPromptVersions.PROMPT_TEXT))
        .put(SilverPromptVersions.AUTHOR, in.string(SilverPromptVersions.AUTHOR))
        .put(SilverPromptVersions.COMMIT_MESSAGE, in.string(SilverPromptVersions.COMMIT_MESSAGE))
        .put(SilverPromptVersions.CREATED_AT, created)
        .eventTime(created);
  }

  static RowValues session(RecordFields in, RowValues out) {
    Timestamp created = in.requireTimestamp(SilverSessions.CREATED_AT);
    Timestamp updated = in.timestamp(SilverSessions.UPDATED_AT);
    out.put(SilverSessions.SESSION_ID, in.requireId(SilverSessions.SESSION_ID))
        .put(SilverSessions.FOLDER_NAME, in.requireString(SilverSessions.FOLDER_NAME))
        .put(SilverSessions.CREATED_AT, created)
        .put(SilverSessions.IS_TEST, in.bool(SilverSessions.IS_TEST, false))
        .put(SilverSessions.IS_FAILED, in.bool(SilverSessions.IS_FAILED, false))
        .put(SilverSessions.IS_ARCHIVED, in.bool(SilverSessions.IS_ARCHIVED, false))
        .put(SilverSessions.IS_DELETED, in.bool(SilverSessions.IS_DELETED, false))
        .put(SilverSessions.METADATA, in.objectText(SilverSessions.METADATA))
        .put(SilverSessions.DISPLAY_NAME, in.string(SilverSessions.DISPLAY_NAME))
        .put(SilverSessions.NOTES, in.string(SilverSessions.NOTES))
        .put(SilverSessions.UPDATED_AT, updated);
    RecordFields meta = in.nested(SilverSessions.METADATA, GenerationParams.ALIASES);
    if (meta != null) {
      GenerationParams params = GenerationParams.of(meta);
      out.put(SilverSessions.MODEL_NAME, meta.string(SilverSessions.MODEL_NAME))
          .put(SilverSessions.TEMPLATE_NAME, meta.string(SilverSessions.TEMPLATE_NAME))
          .put(SilverSessions.MODEL_HASH, meta.string(SilverSessions.MODEL_HASH))
          .put(SilverSessions.CHECKPOINT, params.checkpoint())
          .put(SilverSessions.SAMPLER, params.sampler())
          .put(SilverSessions.SCHEDULER, params.scheduler())
          .put(SilverSessions.STEPS, params.steps())
          .put(SilverSessions.CFG_SCALE, params.cfgScale());
    }
    return out.eventTime(RowValues.firstOf(updated, created));
  }
}

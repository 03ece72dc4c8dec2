package io.genlake.generate;

/** The generation being written, shared by {@link GenerationPass} and {@link RatingEmitter} (one mutable instance per pass). */
final class Gen {
  /** Added to every numeric id of the batch (0 for the base landing), so batches never share a key. */
  long idBase;
  long index;
  String id;
  long created;
  long completed;
  String status;
  boolean image;
  boolean failure;
  PlantedSignals.FailurePattern pattern;
  String provider;
  String checkpoint;
  String family;
  String modelName;
  String prompt;
  String negative;
  String[] loraNames;
  /** Each LoRA's strength as written (null: exported without one). */
  String[] loraStrengths;
  int steps;
  String sampler;
  Json.Raw loras;
  String[] scene;
  String[] styles;
  int sourceBlock;
  String assetId;
  String[] captions;
  Json.Raw variations;
  long seed;
  int width;
  int height;
  String sessionId;
  Format sessionFormat;
  String userId;
  String selection;
  double cfg;
}

package io.genlake.enrich;

import java.util.Locale;
import java.util.Optional;

/** Seed 001's content ratings, in order: {@code sfw < romantic < mature_implied < restricted}. */
enum Rating {
  SFW, ROMANTIC, MATURE_IMPLIED, RESTRICTED;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The rating named {@code label} (case-insensitive), or empty when it is not one. */
  static Optional<Rating> of(String label) {
    for (Rating r : values()) {
      if (r.label().equalsIgnoreCase(label.trim())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The lower of the two: seed 001's {@code _clamp_rating}. */
  Rating clampTo(Rating max) {
    return compareTo(max) <= 0 ? this : max;
  }
}

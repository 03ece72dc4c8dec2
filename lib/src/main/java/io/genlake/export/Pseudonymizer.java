package io.genlake.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Keyed pseudonyms for user ids in ML exports: HMAC-SHA256 under a secret key read from the environment
 * variable {@value #KEY_ENV}, first 16 bytes as hex. The same key gives the same pseudonym across runs (so
 * exports join), a different key gives unrelated ones, and without the key a pseudonym cannot be reversed by
 * hashing candidate ids. The key is never printed or written anywhere; without it user ids are dropped.
 */
public final class Pseudonymizer {
  public static final String KEY_ENV = "GENLAKE_PSEUDONYM_KEY";
  private static final int MIN_KEY_LENGTH = 16;

  private final byte[] key;

  private Pseudonymizer(byte[] key) {
    this.key = key.clone();
  }

  /** The pseudonymizer for the key in the environment, or empty when none is set. */
  public static Optional<Pseudonymizer> fromEnvironment() {
    return fromKey(Optional.ofNullable(System.getenv(KEY_ENV)));
  }

  /** The pseudonymizer for {@code key}; a key shorter than 16 characters is refused. */
  public static Optional<Pseudonymizer> fromKey(Optional<String> key) {
    if (key.isEmpty() || key.get().isEmpty()) {
      return Optional.empty();
    }
    if (key.get().length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException(KEY_ENV + " is too short: use at least " + MIN_KEY_LENGTH
          + " random characters (e.g. `openssl rand -hex 32`).");
    }
    return Optional.of(new Pseudonymizer(key.get().getBytes(StandardCharsets.UTF_8)));
  }

  /** The pseudonym of {@code userId} (null stays null). */
  public String pseudonym(String userId) {
    if (userId == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** A column expression applying {@link #pseudonym} to {@code userId}; the key travels inside the function, not the plan text. */
  public Column apply(Column userId) {
    byte[] k = key;
    UDF1<String, String> f = id -> new Pseudonymizer(k).pseudonym(id);
    UserDefinedFunction udf = functions.udf(f, DataTypes.StringType).withName("pseudonym");
    return udf.apply(userId);
  }
}

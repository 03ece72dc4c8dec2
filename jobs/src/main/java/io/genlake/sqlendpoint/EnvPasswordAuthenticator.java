package io.genlake.sqlendpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * HiveServer2 {@code CUSTOM} authentication for the SQL endpoint: a client logs in with the user and password in the
 * endpoint's environment ({@link #USER_ENV}, {@link #PASSWORD_ENV}), compared in constant time; neither is ever printed
 * or logged. Required whenever the endpoint binds an address other than loopback. Cost: one comparison per connection.
 */
public final class EnvPasswordAuthenticator implements PasswdAuthenticationProvider {
  /** Environment variable holding the user name clients log in with. */
  public static final String USER_ENV = "GENLAKE_SQL_USER";
  /** Environment variable holding the password clients log in with. */
  public static final String PASSWORD_ENV = "GENLAKE_SQL_PASSWORD";

  /** True when both variables are set and not blank. */
  public static boolean configured() {
    return !blank(System.getenv(USER_ENV)) && !blank(System.getenv(PASSWORD_ENV));
  }

  @Override
  public void Authenticate(String user, String password) throws AuthenticationException {
    String expectedUser = System.getenv(USER_ENV);
    String expectedPassword = System.getenv(PASSWORD_ENV);
    if (blank(expectedUser) || blank(expectedPassword) || user == null || password == null
        || !same(user, expectedUser) | !same(password, expectedPassword)) {
      throw new AuthenticationException("wrong user or password for the genlake SQL endpoint");
    }
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

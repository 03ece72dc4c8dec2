package io.genlake.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what an HTML page would load from elsewhere. A resource is anything the browser fetches by itself
 * while showing the page: the {@code src}, {@code srcset}, {@code poster}, {@code background} and
 * {@code data} (object) attributes of any element; {@code href} of {@code <link>}, {@code <base>} and SVG
 * {@code <image>}/{@code <use>}/{@code <feImage>} ({@code xlink:href} too); a {@code <meta http-equiv="refresh">}
 * target; {@code url(…)} and {@code @import} in {@code <style>} and {@code style} attributes. Every such
 * reference must be a {@code data:} URI or a same-page {@code #fragment}. Links a person may follow
 * ({@code <a href>}) and URLs in text are not resources and are allowed.
 */
public final class SelfContained {
  private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9:-]*)((?:\\s+[^\\s=>/]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s>]+))?)*)\\s*/?>");
  private static final Pattern ATTR = Pattern.compile("([^\\s=>/]+)(?:\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+))?");
  private static final Pattern STYLE = Pattern.compile("<style[^>]*>(.*?)</style>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*(['\"]?)([^'\")]*)\\1\\s*\\)|@import\\s+(['\"])([^'\"]*)\\3",
      Pattern.CASE_INSENSITIVE);

  private SelfContained() {}

  /** Every resource reference of {@code html} that is neither a data: URI nor a #fragment, as {@code tag attr=value}. */
  public static List<String> externalResources(String html) {
    List<String> out = new ArrayList<>();
    Matcher tag = TAG.matcher(html);
    while (tag.find()) {
      String name = tag.group(1).toLowerCase(Locale.ROOT);
      Matcher a = ATTR.matcher(tag.group(2));
      String httpEquiv = "";
      String content = "";
      while (a.find()) {
        String attr = a.group(1).toLowerCase(Locale.ROOT);
        String value = unquote(a.group(2));
        switch (attr) {
          case "src", "poster", "background" -> check(out, name, attr, value);
          case "data" -> {
            if (name.equals("object")) {
              check(out, name, attr, value);
            }
          }
          case "srcset" -> srcset(value).forEach(url -> check(out, name, attr, url));
          case "href", "xlink:href" -> {
            if (List.of("link", "base", "image", "use", "feimage").contains(name)) {
              check(out, name, attr, value);
            }
          }
          case "style" -> css(out, name + " style", value);
          case "http-equiv" -> httpEquiv = value.toLowerCase(Locale.ROOT);
          case "content" -> content = value;
          default -> { }
        }
      }
      if (name.equals("meta") && httpEquiv.equals("refresh")) {
        int u = content.toLowerCase(Locale.ROOT).indexOf("url=");
        if (u >= 0) {
          check(out, name, "http-equiv=refresh", content.substring(u + 4).trim());
        }
      }
    }
    Matcher style = STYLE.matcher(html);
    while (style.find()) {
      css(out, "style", style.group(1));
    }
    return out;
  }

  /** The URLs of a srcset (HTML's rules: a URL runs to whitespace, so a data: URI may hold commas). */
  static List<String> srcset(String value) {
    List<String> urls = new ArrayList<>();
    int i = 0;
    while (i < value.length()) {
      while (i < value.length() && (Character.isWhitespace(value.charAt(i)) || value.charAt(i) == ',')) {
        i++;
      }
      int start = i;
      while (i < value.length() && !Character.isWhitespace(value.charAt(i))) {
        i++;
      }
      String url = value.substring(start, i);
      boolean descriptors = !url.endsWith(",");
      url = url.replaceAll(",+$", "");
      if (!url.isEmpty()) {
        urls.add(url);
      }
      while (descriptors && i < value.length() && value.charAt(i) != ',') { // skip "2x", "100w"
        i++;
      }
    }
    return urls;
  }

  private static void css(List<String> out, String where, String css) {
    Matcher m = CSS_URL.matcher(css);
    while (m.find()) {
      check(out, where, m.group(2) != null ? "url()" : "@import", m.group(2) != null ? m.group(2) : m.group(4));
    }
  }

  private static void check(List<String> out, String tag, String attr, String value) {
    String v = value.trim();
    if (!v.startsWith("data:") && !v.startsWith("#")) {
      out.add(tag + " " + attr + "=" + v);
    }
  }

  private static String unquote(String v) {
    if (v == null) {
      return "";
    }
    return (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v;
  }
}

package io.genlake.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfContainedTest {
  private static final String HOSTILE = """
      <!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example.com/a.css">
      <link rel=icon href=/favicon.ico><base href='http://example.com/'>
      <meta http-equiv="refresh" content="5; url=https://example.com/next">
      <style>body{background:url("https://example.com/bg.png")} @import 'http://example.com/b.css';
      .ok{background:url(data:image/png;base64,AAAA)}</style></head>
      <body><img src="https://example.com/a.png" alt="x"><img SRC="data:image/png;base64,AAAA">
      <img srcset="data:image/png;base64,AA 1x, //example.com/b.png 2x"><video poster="http://example.com/p.jpg"></video>
      <object data="http://example.com/o.swf"></object><td background="bg.gif"></td>
      <div style="background-image: url('https://example.com/c.png')"></div>
      <svg><image href="https://example.com/s.png"/><use xlink:href="#icon"/></svg>
      <a href="https://example.com/page">a link is not a resource</a> text: https://example.com/in-text
      <script type="application/json">{"url":"https://example.com/in-json"}</script></body></html>
      """;

  @Test
  void findsEveryKindOfLoadedResourceAndNoLinksOrText() {
    assertEquals(List.of("link href=https://cdn.example.com/a.css", "link href=/favicon.ico",
        "base href=http://example.com/", "meta http-equiv=refresh=https://example.com/next",
        "img src=https://example.com/a.png", "img srcset=//example.com/b.png", "video poster=http://example.com/p.jpg",
        "object data=http://example.com/o.swf", "td background=bg.gif",
        "div style url()=https://example.com/c.png", "image href=https://example.com/s.png",
        "style url()=https://example.com/bg.png", "style @import=http://example.com/b.css"),
        SelfContained.externalResources(HOSTILE));
  }

  @Test
  void theBrowserReportsWhatAPageRequestsAndWhatItLogs(@TempDir Path dir) throws Exception {
    Path probe = dir.resolve("probe.html");
    Files.writeString(probe, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/probe.png\">"
        + "<img src=\"data:image/png;base64,AAAA\"><script>console.error('probe')</script></body></html>");
    HeadlessChromium.Rendered r = HeadlessChromium.render(probe, dir);
    assertEquals(List.of("http://127.0.0.1:9/probe.png"), r.requests());
    assertEquals(1, r.console().size(), r.console().toString());
  }
}

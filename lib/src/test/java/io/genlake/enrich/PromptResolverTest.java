package io.genlake.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.genlake.enrich.PromptResolver.Candidates;
import io.genlake.enrich.PromptResolver.Version;
import io.genlake.enrich.Resolution.SourceType;
import io.genlake.enrich.Resolution.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromptResolverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Candidates NOTHING = new Candidates(Optional.empty(), false, Optional.empty());

  private static Resolution resolve(String config, Candidates found) {
    Optional<PromptConfig> parsed;
    try {
      parsed = PromptConfig.from(JSON.readTree(config));
    } catch (Exception e) {
      parsed = Optional.empty();
    }
    return PromptResolver.resolve(Optional.of(config), parsed, found);
  }

  @Test
  void versionIdWithVariables() {
    Resolution r = resolve("{\"versionId\": \"v2\", \"variables\": {\"character\": \"a knight\", \"place\": \"a castle\"}}",
        new Candidates(Optional.of(new Version("v2", "{{character}} walks into {{ place }}")), false, Optional.empty()));
    assertEquals(new Resolution(Optional.of("a knight walks into a castle"), Optional.of("v2"), SourceType.VERSIONED,
        Status.RESOLVED, List.of()), r);
  }

  @Test
  void unresolvedPlaceholdersAreReportedNotHidden() {
    Resolution r = resolve("{\"versionId\": \"v2\", \"variables\": {\"character\": \"a knight\"}}",
        new Candidates(Optional.of(new Version("v2", "{{character}} in {{place}} at {{time}}, {{place}}")), false,
            Optional.empty()));
    assertEquals(Optional.of("a knight in {{place}} at {{time}}, {{place}}"), r.prompt());
    assertEquals(Status.UNRESOLVED_PLACEHOLDERS, r.status());
    assertEquals(List.of("place", "time"), r.unresolvedPlaceholders());
  }

  @Test
  void substitutedValuesAreNotExpandedAgain() {
    assertEquals(new Templates.Filled("x {{b}} y", List.of()),
        Templates.fill("x {{a}} y", Map.of("a", "{{b}}", "b", "never")));
  }

  @Test
  void nonStringVariablesUseTheirJsonText() {
    Resolution r = resolve("{\"inlinePrompt\": \"{{n}} cats, {{ok}}\", \"variables\": {\"n\": 3, \"ok\": true}}", NOTHING);
    assertEquals(new Resolution(Optional.of("3 cats, true"), Optional.empty(), SourceType.INLINE,
        Status.INLINE_DEPRECATED, List.of()), r);
  }

  @Test
  void familyAutoSelectUsesTheVersionValidAtCreation() {
    Resolution r = resolve("{\"familyId\": \"f1\", \"autoSelectLatest\": true}",
        new Candidates(Optional.empty(), true, Optional.of(new Version("f1-v1", "old text"))));
    assertEquals(new Resolution(Optional.of("old text"), Optional.of("f1-v1"), SourceType.VERSIONED, Status.RESOLVED,
        List.of()), r);
  }

  @Test
  void badInputGetsAStatusNeverAnException() {
    assertEquals(Status.INVALID_JSON, resolve("{not json", NOTHING).status());
    assertEquals(Status.INVALID_JSON, resolve("[1, 2]", NOTHING).status());
    assertEquals(Status.VERSION_NOT_FOUND, resolve("{\"versionId\": \"nope\"}", NOTHING).status());
    assertEquals(Status.FAMILY_NOT_FOUND, resolve("{\"familyId\": \"nope\", \"autoSelectLatest\": true}", NOTHING).status());
    assertEquals(Status.NO_VERSION_AT_TIME,
        resolve("{\"familyId\": \"f1\", \"autoSelectLatest\": true}", new Candidates(Optional.empty(), true,
            Optional.empty())).status());
    assertEquals(Status.UNSUPPORTED_CONFIG, resolve("{\"familyId\": \"f1\"}", NOTHING).status());
    assertEquals(Status.UNSUPPORTED_CONFIG, resolve("{}", NOTHING).status());
    assertEquals(Status.NO_CONFIG, PromptResolver.resolve(Optional.empty(), Optional.empty(), NOTHING).status());
    assertEquals(Resolution.failed(Status.VERSION_NOT_FOUND), resolve("{\"versionId\": \"nope\"}", NOTHING));
  }

  @Test
  void versionIdTakesPrecedenceOverFamilyAndInline() {
    Resolution r = resolve("{\"versionId\": \"v9\", \"familyId\": \"f1\", \"autoSelectLatest\": true,"
        + " \"inlinePrompt\": \"inline\"}", new Candidates(Optional.of(new Version("v9", "nine")), true,
            Optional.of(new Version("f1-v3", "three"))));
    assertEquals(Optional.of("v9"), r.versionId());
    assertEquals(Optional.of("nine"), r.prompt());
  }
}

package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Published versions, aliases and qualifiers, with AWS's errors. */
class VersionsAndAliasesTest {

  static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:fn";

  @TempDir Path dataDir;
  ManualTimeSource time = new ManualTimeSource(1_000_000L);
  FunctionService functions;

  @BeforeEach
  void open() {
    functions = open(dataDir);
    functions.create(FunctionRegistryTest.request("fn", code("one")));
  }

  FunctionService open(Path dir) {
    return FunctionService.open(
        FunctionSettings.of(dir, "000000000000", "us-east-1", "http://127.0.0.1:1"), time);
  }

  @AfterEach
  void close() {
    functions.close();
  }

  static byte[] code(String tag) {
    return Zips.python("import os\n\ndef handler(event, context):\n    return {'tag': '" + tag
        + "', 'version': context.function_version, 'arn': context.invoked_function_arn,"
        + " 'env': os.environ['AWS_LAMBDA_FUNCTION_VERSION']}\n");
  }

  static void assertError(ThrowingCallable call, LambdaError error, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(FunctionException.class, e -> {
      assertThat(e.error()).isEqualTo(error);
      assertThat(e.getMessage()).isEqualTo(message);
    });
  }

  @Test
  void publishing_numbers_versions_and_an_unchanged_function_publishes_nothing_new() {
    FunctionDefinition first = functions.publishVersion("fn", null, "first", null);
    FunctionDefinition again = functions.publishVersion("fn", null, null, null);
    functions.updateCode("fn", code("two"), null);
    FunctionDefinition second = functions.publishVersion("fn", null, null, null);

    assertThat(first.version()).isEqualTo("1");
    assertThat(first.description()).isEqualTo("first");
    assertThat(again).isEqualTo(first);
    assertThat(second.version()).isEqualTo("2");
    assertThat(second.codeSha256()).isNotEqualTo(first.codeSha256());
    assertThat(functions.get("fn", "1").codeSha256()).isEqualTo(first.codeSha256());
    assertThat(functions.get(ARN + ":2", null)).isEqualTo(second);
  }

  @Test
  void create_with_publish_answers_version_1() {
    CreateFunctionRequest base = FunctionRegistryTest.request("published", code("p"));
    FunctionDefinition created = functions.create(new CreateFunctionRequest(base.functionName(),
        base.runtime(), base.handler(), base.role(), null, null, null, null, null, true, null,
        base.zipFile()));

    assertThat(created.version()).isEqualTo("1");
    assertThat(functions.listVersions("published", null, null).functions())
        .extracting(FunctionDefinition::version).containsExactly("$LATEST", "1");
  }

  @Test
  void publish_refuses_a_stale_code_hash_or_revision() {
    FunctionDefinition latest = functions.get("fn", null);

    assertError(() -> functions.publishVersion("fn", "abc", null, null),
        LambdaError.INVALID_PARAMETER_VALUE, "CodeSHA256 (abc) is different from current"
            + " CodeSHA256 in $LATEST (" + latest.codeSha256() + "). Please try again with the"
            + " CodeSHA256 in $LATEST.");
    assertError(() -> functions.publishVersion("fn", null, null, "stale"),
        LambdaError.PRECONDITION_FAILED, "The Revision Id provided does not match the latest"
            + " Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
    assertThat(functions.listVersions("fn", null, null).functions()).hasSize(1);
  }

  @Test
  void list_versions_pages_with_a_marker() {
    for (int i = 0; i < 3; i++) {
      functions.updateConfiguration("fn", new ConfigurationUpdate(
          null, null, null, 3 + i, null, null, null, null));
      functions.publishVersion("fn", null, null, null);
    }

    FunctionPage first = functions.listVersions("fn", null, 2);
    FunctionPage second = functions.listVersions("fn", first.nextMarker(), 2);

    assertThat(first.functions()).extracting(FunctionDefinition::version)
        .containsExactly("$LATEST", "1");
    assertThat(second.functions()).extracting(FunctionDefinition::version)
        .containsExactly("2", "3");
    assertThat(second.nextMarker()).isNull();
  }

  @Test
  void qualifiers_that_name_nothing_are_not_found() {
    functions.publishVersion("fn", null, null, null);

    assertError(() -> functions.get("fn", "7"), LambdaError.RESOURCE_NOT_FOUND,
        "Function not found: " + ARN + ":7");
    assertError(() -> functions.get("fn", "live"), LambdaError.RESOURCE_NOT_FOUND,
        "Function not found: " + ARN + ":live");
    assertError(() -> functions.getAlias("fn", "live"), LambdaError.RESOURCE_NOT_FOUND,
        "Cannot find alias arn: " + ARN + ":live");
  }

  @Test
  void aliases_point_at_versions_and_route_by_weight() {
    functions.publishVersion("fn", null, null, null);
    functions.updateCode("fn", code("two"), null);
    functions.publishVersion("fn", null, null, null);

    Alias live = functions.createAlias("fn", "live", "1", "current", Map.of("2", 0.25));

    assertThat(functions.getAlias("fn", "live")).isEqualTo(live);
    assertThat(functions.get("fn", "live").version()).isEqualTo("1");
    assertThat(live.pickVersion(0.1)).isEqualTo("2");
    assertThat(live.pickVersion(0.3)).isEqualTo("1");
    Alias moved = functions.updateAlias("fn", "live", "2", null, Map.of(), live.revisionId());
    assertThat(moved.functionVersion()).isEqualTo("2");
    assertThat(moved.additionalVersionWeights()).isEmpty();
    assertThat(moved.description()).isEqualTo("current");
    assertThat(functions.listAliases("fn", "2", null, null).aliases()).containsExactly(moved);
    assertError(() -> functions.updateAlias("fn", "live", "1", null, null, live.revisionId()),
        LambdaError.PRECONDITION_FAILED, "The Revision Id provided does not match the latest"
            + " Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
  }

  @Test
  void alias_mistakes_get_aws_errors_and_change_nothing() {
    functions.publishVersion("fn", null, null, null);
    functions.createAlias("fn", "live", "1", null, null);

    assertError(() -> functions.createAlias("fn", "live", "1", null, null),
        LambdaError.RESOURCE_CONFLICT, "Alias already exists: " + ARN + ":live");
    assertError(() -> functions.createAlias("fn", "2024", "1", null, null),
        LambdaError.VALIDATION, "1 validation error detected: Value '2024' at 'name' failed to"
            + " satisfy constraint: Member must satisfy regular expression pattern:"
            + " (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    assertError(() -> functions.createAlias("fn", "other", "10", null, null),
        LambdaError.RESOURCE_NOT_FOUND, "Function not found: " + ARN + ":10");
    assertError(() -> functions.createAlias("fn", "other", "$LATEST", null, Map.of("1", 0.5)),
        LambdaError.INVALID_PARAMETER_VALUE,
        "$LATEST is not supported for an alias pointing to more than 1 version");
    assertError(() -> functions.createAlias("fn", "other", "1", null, Map.of("1", 0.5)),
        LambdaError.INVALID_PARAMETER_VALUE, "Invalid function version 1. Function version 1 is"
            + " already included in routing configuration.");
    assertError(() -> functions.createAlias("fn", "other", "1", null, Map.of("2", 2.0)),
        LambdaError.VALIDATION, "1 validation error detected: Value '{2=2.0}' at"
            + " 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value"
            + " must satisfy constraint: [Member must have value less than or equal to 1.0,"
            + " Member must have value greater than or equal to 0.0, Member must not be null]");
    assertError(() -> functions.updateAlias("fn", "nope", "1", null, null, null),
        LambdaError.RESOURCE_NOT_FOUND, "Alias not found: " + ARN + ":nope");
    assertThat(functions.listAliases("fn", null, null, null).aliases())
        .extracting(Alias::name).containsExactly("live");
  }

  @Test
  void a_version_an_alias_uses_cannot_be_deleted_and_latest_never() {
    functions.publishVersion("fn", null, null, null);
    functions.createAlias("fn", "live", "1", null, null);

    assertError(() -> functions.delete("fn", "1"), LambdaError.RESOURCE_CONFLICT,
        "Unable to delete version because the following aliases reference it: [live]");
    assertError(() -> functions.delete("fn", "$LATEST"), LambdaError.INVALID_PARAMETER_VALUE,
        "$LATEST version cannot be deleted without deleting the function.");

    functions.deleteAlias("fn", "live");
    functions.deleteAlias("fn", "live"); // absent: fine, as AWS
    functions.delete("fn", "1");
    assertThat(functions.listVersions("fn", null, null).functions()).hasSize(1);
    assertThat(functions.get("fn", null)).isNotNull();
  }

  @Test
  void versions_and_aliases_survive_a_restart() {
    functions.publishVersion("fn", null, null, null);
    Alias live = functions.createAlias("fn", "live", "1", null, null);
    functions.putConcurrency("fn", 3);
    functions.close();

    functions = open(dataDir);

    assertThat(functions.get("fn", "1").version()).isEqualTo("1");
    assertThat(functions.getAlias("fn", "live")).isEqualTo(live);
    assertThat(functions.getConcurrency("fn")).isEqualTo(3);
    assertThat(functions.publishVersion("fn", null, null, null).version()).isEqualTo("1");
  }

  @Test
  void a_published_version_keeps_running_its_own_code_after_latest_changes() {
    functions.publishVersion("fn", null, null, null);
    functions.createAlias("fn", "live", "1", null, null);
    functions.updateCode("fn", code("two"), null);

    String version = invoke(null, "1");
    String alias = invoke("fn:live", null);
    String latest = invoke(null, null);

    assertThat(version).contains("'tag': 'one'", "'version': '1'", "'env': '1'",
        "'arn': '" + ARN + ":1'", "executed 1");
    assertThat(alias).contains("'tag': 'one'", "'arn': '" + ARN + ":live'", "executed 1");
    assertThat(latest).contains("'tag': 'two'", "'version': '$LATEST'", "'arn': '" + ARN + "'",
        "executed $LATEST");
  }

  private String invoke(String name, String qualifier) {
    InvokeOutcome outcome = functions.invoke(new InvokeRequest(name == null ? "fn" : name,
        qualifier, InvocationType.REQUEST_RESPONSE, new byte[0], false, null)).join();
    assertThat(outcome.functionError()).isNull();
    return new String(outcome.payload(), StandardCharsets.UTF_8).replace('"', '\'')
        + " executed " + outcome.executedVersion();
  }
}

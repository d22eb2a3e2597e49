package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.time.ManualTimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionRegistryTest {

  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
  static final String RUNTIME = Python.runtime();

  @TempDir Path dataDir;
  ManualTimeSource time;
  FunctionService functions;

  @BeforeEach
  void open() {
    time = new ManualTimeSource(Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli());
    functions = FunctionService.open(settings(), time);
  }

  @AfterEach
  void close() {
    functions.close();
  }

  FunctionSettings settings() {
    return FunctionSettings.of(dataDir, "000000000000", "us-east-1", "http://127.0.0.1:1");
  }

  static CreateFunctionRequest request(String name, byte[] zip) {
    return new CreateFunctionRequest(name, RUNTIME, "handler.handler", ROLE, null, null, null,
        null, null, null, null, zip);
  }

  static final byte[] CODE = Zips.python("def handler(event, context):\n    return event\n");

  @Test
  void create_applies_aws_defaults_and_reports_the_code_identity() {
    FunctionDefinition created = functions.create(request("orders", CODE));

    assertThat(created.timeoutSeconds()).isEqualTo(3);
    assertThat(created.memorySizeMb()).isEqualTo(128);
    assertThat(created.architectures()).containsExactly("x86_64");
    assertThat(created.description()).isEmpty();
    assertThat(created.codeSize()).isEqualTo(CODE.length);
    assertThat(created.codeSha256()).hasSize(44).endsWith("=");
    assertThat(created.lastModified()).isEqualTo("2026-01-02T03:04:05.678+0000");
    assertThat(functions.arn("orders"))
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:orders");
  }

  @Test
  void code_is_unpacked_once_into_a_folder_named_by_its_hash() {
    FunctionDefinition created = functions.create(request("orders", CODE));

    Path folder = dataDir.resolve("functions/code/orders").resolve(
        java.util.HexFormat.of().formatHex(java.util.Base64.getDecoder()
            .decode(created.codeSha256())));
    assertThat(folder.resolve("handler.py")).exists();
  }

  @Test
  void creating_a_function_twice_is_a_conflict() {
    functions.create(request("orders", CODE));

    assertThatThrownBy(() -> functions.create(request("orders", CODE)))
        .isInstanceOfSatisfying(FunctionException.class, e -> {
          assertThat(e.error()).isEqualTo(LambdaError.RESOURCE_CONFLICT);
          assertThat(e.getMessage()).isEqualTo("Function already exist: orders");
        });
  }

  @Test
  void an_unknown_function_is_not_found_with_its_arn() {
    assertThatThrownBy(() -> functions.get("nope", null))
        .isInstanceOfSatisfying(FunctionException.class, e -> {
          assertThat(e.error()).isEqualTo(LambdaError.RESOURCE_NOT_FOUND);
          assertThat(e.getMessage()).isEqualTo(
              "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
        });
  }

  @Test
  void functions_are_found_by_name_partial_arn_and_full_arn() {
    functions.create(request("orders", CODE));

    assertThat(functions.get("orders", null).name()).isEqualTo("orders");
    assertThat(functions.get("000000000000:function:orders", null).name()).isEqualTo("orders");
    assertThat(functions.get("arn:aws:lambda:us-east-1:000000000000:function:orders", "$LATEST")
        .name()).isEqualTo("orders");
  }

  @Test
  void an_unknown_runtime_gets_aws_enum_message() {
    var request = new CreateFunctionRequest("f", "PYTHON3.9", "h.h", ROLE, null, null, null, null,
        null, null, null, CODE);

    assertThatThrownBy(() -> functions.create(request))
        .isInstanceOfSatisfying(FunctionException.class, e -> {
          assertThat(e.error()).isEqualTo(LambdaError.INVALID_PARAMETER_VALUE);
          assertThat(e.getMessage()).startsWith("Value PYTHON3.9 at 'runtime' failed to satisfy"
              + " constraint: Member must satisfy enum value set: [nodejs20.x, python3.14,");
        });
  }

  @Test
  void a_runtime_missing_on_this_machine_is_refused_clearly() {
    var request = new CreateFunctionRequest("f", "ruby3.3", "h.h", ROLE, null, null, null, null,
        null, null, null, CODE);

    assertThatThrownBy(() -> functions.create(request))
        .isInstanceOfSatisfying(FunctionException.class, e -> {
          assertThat(e.error()).isEqualTo(LambdaError.INVALID_PARAMETER_VALUE);
          assertThat(e.getMessage()).contains("ruby3.3").contains("not supported");
        });
  }

  @Test
  void bad_role_timeout_and_memory_are_reported_together_as_aws_does() {
    var request = new CreateFunctionRequest("f", RUNTIME, "h.h", "r1", 0, 64, null, null, null,
        null, null, CODE);

    assertThatThrownBy(() -> functions.create(request))
        .isInstanceOfSatisfying(FunctionException.class, e -> {
          assertThat(e.error()).isEqualTo(LambdaError.VALIDATION);
          assertThat(e.getMessage()).startsWith("3 validation errors detected: Value 'r1' at"
              + " 'role' failed to satisfy constraint");
        });
    assertThat(functions.list(null, null).functions()).isEmpty();
  }

  @Test
  void a_package_that_is_no_zip_is_refused_with_aws_message() {
    assertThatThrownBy(() -> functions.create(request("f", "not a zip".getBytes())))
        .hasMessage("Could not unzip uploaded file. Please check your file, then try to upload"
            + " again.");
  }

  @Test
  void entries_climbing_out_of_the_folder_are_refused_and_nothing_is_written() {
    byte[] zip = Zips.builder().file("handler.py", "x = 1", 0644)
        .file("../../escape.txt", "owned", 0644).build();

    assertThatThrownBy(() -> functions.create(request("f", zip)))
        .isInstanceOfSatisfying(FunctionException.class, e ->
            assertThat(e.getMessage()).contains("'../../escape.txt' is refused"));
    assertThat(dataDir.resolve("functions/escape.txt")).doesNotExist();
    assertThat(dataDir.resolve("functions/code/f")).doesNotExist();
  }

  @Test
  void absolute_paths_and_symlinks_are_refused() {
    byte[] absolute = Zips.builder().file("/etc/evil", "x", 0644).build();
    byte[] link = Zips.builder().symlink("handler.py", "/etc/passwd").build();

    assertThatThrownBy(() -> functions.create(request("a", absolute)))
        .hasMessageContaining("its path is absolute");
    assertThatThrownBy(() -> functions.create(request("b", link)))
        .hasMessageContaining("it is a symbolic link");
  }

  @Test
  void list_pages_in_name_order_with_a_marker() {
    for (String name : List.of("c", "a", "b")) {
      functions.create(request(name, CODE));
    }

    FunctionPage first = functions.list(null, 2);
    FunctionPage second = functions.list(first.nextMarker(), 2);

    assertThat(first.functions()).extracting(FunctionDefinition::name).containsExactly("a", "b");
    assertThat(second.functions()).extracting(FunctionDefinition::name).containsExactly("c");
    assertThat(second.nextMarker()).isNull();
  }

  @Test
  void updates_change_the_revision_and_keep_what_was_not_given() {
    FunctionDefinition created = functions.create(request("f", CODE));

    FunctionDefinition configured = functions.updateConfiguration("f", new ConfigurationUpdate(
        null, null, null, 10, 512, Map.of("ENV_A", "a"), "Changed", null));
    byte[] newCode = Zips.python("def handler(e, c):\n    return 2\n");
    FunctionDefinition recoded = functions.updateCode("f", newCode, null);

    assertThat(configured.revisionId()).isNotEqualTo(created.revisionId());
    assertThat(configured.timeoutSeconds()).isEqualTo(10);
    assertThat(configured.handler()).isEqualTo("handler.handler");
    assertThat(recoded.codeSha256()).isNotEqualTo(created.codeSha256());
    assertThat(recoded.environment()).containsEntry("ENV_A", "a");
    assertThat(recoded.revisionId()).isNotEqualTo(configured.revisionId());
  }

  @Test
  void an_update_with_a_stale_revision_id_is_refused() {
    FunctionDefinition created = functions.create(request("f", CODE));
    functions.updateCode("f", Zips.python("x = 1"), null);

    assertThatThrownBy(() -> functions.updateCode("f", CODE, created.revisionId()))
        .isInstanceOfSatisfying(FunctionException.class,
            e -> assertThat(e.error()).isEqualTo(LambdaError.PRECONDITION_FAILED));
  }

  @Test
  void definitions_survive_a_restart_and_deletes_too() {
    functions.create(request("kept", CODE));
    functions.create(request("gone", CODE));
    functions.delete("gone", null);
    functions.close();

    functions = FunctionService.open(settings(), time);

    assertThat(functions.list(null, null).functions()).extracting(FunctionDefinition::name)
        .containsExactly("kept");
    assertThat(functions.get("kept", null).handler()).isEqualTo("handler.handler");
    assertThat(dataDir.resolve("functions/code/gone")).doesNotExist();
  }

  @Test
  void a_saved_definition_leaves_no_temporary_file_behind() throws Exception {
    functions.create(request("f", CODE));

    try (var files = Files.list(dataDir.resolve("functions/definitions"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("f.json");
    }
  }
}

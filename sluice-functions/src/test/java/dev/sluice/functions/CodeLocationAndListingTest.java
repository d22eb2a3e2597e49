package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.time.ManualTimeSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetFunction's Code.Location links and ListFunctions with FunctionVersion=ALL. */
class CodeLocationAndListingTest {

  @TempDir Path dataDir;
  ManualTimeSource time = new ManualTimeSource(1_000_000L);
  FunctionService functions;

  @BeforeEach
  void open() {
    functions = FunctionService.open(
        FunctionSettings.of(dataDir, "000000000000", "us-east-1", "http://127.0.0.1:1"), time);
  }

  @AfterEach
  void close() {
    functions.close();
  }

  static Map<String, String> query(String link) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : URI.create(link).getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      parameters.put(parts[0], parts[1].replace("%24", "$"));
    }
    return parameters;
  }

  Path download(String link) {
    Map<String, String> q = query(link);
    String path = URI.create(link).getPath();
    String name = path.substring(FunctionService.CODE_PATH_PREFIX.length(),
        path.length() - "/code".length());
    return functions.codePackage(name, q.get("version"), q.get("expires"), q.get("signature"));
  }

  @Test
  void a_code_location_serves_each_versions_package_as_uploaded() throws Exception {
    byte[] one = VersionsAndAliasesTest.code("one");
    byte[] two = VersionsAndAliasesTest.code("two");
    functions.create(FunctionRegistryTest.request("fn", one));
    FunctionDefinition version = functions.publishVersion("fn", null, null, null);
    functions.updateCode("fn", two, null);

    String latest = functions.codeLocation(functions.get("fn", null), "http://sluice:4566");
    String first = functions.codeLocation(version, "http://sluice:4566");

    assertThat(latest).startsWith("http://sluice:4566/_sluice/functions/fn/code?version=%24LATEST");
    assertThat(Files.readAllBytes(download(latest))).isEqualTo(two);
    assertThat(Files.readAllBytes(download(first))).isEqualTo(one);
  }

  @Test
  void a_forged_or_expired_code_location_is_refused() {
    functions.create(FunctionRegistryTest.request("fn", FunctionRegistryTest.CODE));
    String link = functions.codeLocation(functions.get("fn", null), "http://sluice:4566");
    Map<String, String> q = query(link);
    String signature = q.get("signature");
    String forged = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);

    VersionsAndAliasesTest.assertError(() -> functions.codePackage("fn", "$LATEST",
            q.get("expires"), forged), LambdaError.VALIDATION,
        "The link is invalid or has expired; call GetFunction for a new one.");
    VersionsAndAliasesTest.assertError(() -> functions.codePackage("other", "$LATEST",
            q.get("expires"), q.get("signature")), LambdaError.VALIDATION,
        "The link is invalid or has expired; call GetFunction for a new one.");
    time.advance(Duration.ofMinutes(11));
    VersionsAndAliasesTest.assertError(() -> download(link), LambdaError.VALIDATION,
        "The link is invalid or has expired; call GetFunction for a new one.");
  }

  @Test
  void listing_all_versions_pages_through_every_functions_latest_and_versions() {
    functions.create(FunctionRegistryTest.request("a", VersionsAndAliasesTest.code("a1")));
    functions.publishVersion("a", null, null, null);
    functions.updateCode("a", VersionsAndAliasesTest.code("a2"), null);
    functions.publishVersion("a", null, null, null);
    functions.create(FunctionRegistryTest.request("b", FunctionRegistryTest.CODE));

    List<String> seen = new java.util.ArrayList<>();
    String marker = null;
    do {
      FunctionPage page = functions.listAllVersions(marker, 2);
      page.functions().forEach(f -> seen.add(f.name() + ":" + f.version()));
      marker = page.nextMarker();
    } while (marker != null);

    assertThat(seen).containsExactly("a:$LATEST", "a:1", "a:2", "b:$LATEST");
    assertThat(functions.list(null, null).functions()).extracting(FunctionDefinition::version)
        .containsExactly("$LATEST", "$LATEST");
  }
}

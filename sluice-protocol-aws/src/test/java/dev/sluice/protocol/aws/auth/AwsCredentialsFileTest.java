package dev.sluice.protocol.aws.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsCredentialsFileTest {

  @Test
  void reads_every_profile_of_a_shared_credentials_file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(file, """
        # comment
        [default]
        aws_access_key_id=AKID1
        aws_secret_access_key=secret1
        region = ignored-here

        [ci]
        aws_access_key_id = AKID2
        aws_secret_access_key = secret2
        """);

    AwsCredentialsFile credentials = AwsCredentialsFile.load(file);

    assertThat(credentials.size()).isEqualTo(2);
    assertThat(credentials.find("AKID2")).hasValueSatisfying(c -> {
      assertThat(c.profileName()).isEqualTo("ci");
      assertThat(c.secretAccessKey()).isEqualTo("secret2");
    });
    assertThat(credentials.find("AKID3")).isEmpty();
  }

  @Test
  void a_missing_file_is_refused_with_its_name(@TempDir Path dir) {
    Path file = dir.resolve("nope");

    assertThatThrownBy(() -> AwsCredentialsFile.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void a_profile_with_half_a_key_pair_is_refused() {
    assertThatThrownBy(() -> AwsCredentialsFile.parse("[p]\naws_access_key_id=A\n", "creds"))
        .hasMessageContaining("profile [p] needs both");
  }

  @Test
  void a_file_without_keys_is_refused() {
    assertThatThrownBy(() -> AwsCredentialsFile.parse("[p]\nregion=x\n", "creds"))
        .hasMessageContaining("holds no profile");
  }

  @Test
  void a_file_that_is_not_in_profile_format_is_refused_with_its_name() {
    assertThatThrownBy(() -> AwsCredentialsFile.parse("aws_access_key_id=A\n", "creds.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("creds.txt");
  }

  @Test
  void the_secret_never_appears_in_to_string() {
    AwsCredentialsFile credentials = AwsCredentialsFile.parse(
        "[p]\naws_access_key_id=A\naws_secret_access_key=TOPSECRET\n", "creds");

    assertThat(credentials.find("A").orElseThrow().toString()).doesNotContain("TOPSECRET");
  }
}

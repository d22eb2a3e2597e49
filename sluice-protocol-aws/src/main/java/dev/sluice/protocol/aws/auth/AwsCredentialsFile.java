package dev.sluice.protocol.aws.auth;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The access keys a server accepts, read from a file in the AWS shared credentials format
 * ({@code [name]} sections with {@code aws_access_key_id} and {@code aws_secret_access_key}),
 * parsed by the AWS SDK's own profile-file reader.
 */
public final class AwsCredentialsFile {

  /** One key pair and the profile (section) it was read from. */
  public record Credential(String profileName, String accessKeyId, String secretAccessKey) {

    @Override
    public String toString() {
      return "Credential[profile=" + profileName + ", accessKeyId=" + accessKeyId + "]";
    }
  }

  private final Map<String, Credential> byAccessKeyId;

  private AwsCredentialsFile(Map<String, Credential> byAccessKeyId) {
    this.byAccessKeyId = Map.copyOf(byAccessKeyId);
  }

  /**
   * Reads the file.
   *
   * @throws IllegalArgumentException naming the file and the problem when it is missing, holds no
   *     key pair, has a profile with half a key pair, or gives one access key two secrets
   */
  public static AwsCredentialsFile load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Credentials file " + file + " does not exist");
    }
    return fromProfiles(read(() -> ProfileFile.builder().content(file), file.toString()), file.toString());
  }

  /** Parses credentials-file text; {@code source} names it in error messages. */
  public static AwsCredentialsFile parse(String content, String source) {
    ProfileFile profiles = read(() -> ProfileFile.builder()
        .content(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))), source);
    return fromProfiles(profiles, source);
  }

  public Optional<Credential> find(String accessKeyId) {
    return Optional.ofNullable(byAccessKeyId.get(accessKeyId));
  }

  public int size() {
    return byAccessKeyId.size();
  }

  // The SDK's parser throws its own unchecked exceptions (bad syntax, unreadable file); callers
  // get one kind, naming the file.
  private static ProfileFile read(Supplier<ProfileFile.Builder> builder, String source) {
    try {
      return builder.get().type(ProfileFile.Type.CREDENTIALS).build();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Credentials file " + source + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static AwsCredentialsFile fromProfiles(ProfileFile profiles, String source) {
    Map<String, Credential> byKey = new LinkedHashMap<>();
    for (Profile profile : profiles.profiles().values()) {
      Optional<String> keyId = profile.property("aws_access_key_id");
      Optional<String> secret = profile.property("aws_secret_access_key");
      if (keyId.isEmpty() && secret.isEmpty()) {
        continue;
      }
      if (keyId.isEmpty() || secret.isEmpty()) {
        throw new IllegalArgumentException("Credentials file " + source + ": profile ["
            + profile.name() + "] needs both aws_access_key_id and aws_secret_access_key");
      }
      Credential credential = new Credential(profile.name(), keyId.get(), secret.get());
      Credential earlier = byKey.putIfAbsent(keyId.get(), credential);
      if (earlier != null && !earlier.secretAccessKey().equals(secret.get())) {
        throw new IllegalArgumentException("Credentials file " + source + ": access key "
            + keyId.get() + " has different secrets in profiles [" + earlier.profileName()
            + "] and [" + profile.name() + "]");
      }
    }
    if (byKey.isEmpty()) {
      throw new IllegalArgumentException("Credentials file " + source
          + " holds no profile with aws_access_key_id and aws_secret_access_key");
    }
    return new AwsCredentialsFile(byKey);
  }
}

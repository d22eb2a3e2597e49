package dev.sluice.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksNativeLibraryTest {

  private static final String LIBRARY = RocksNativeLibrary.LOADED_FILE_NAME;

  @TempDir Path temporaryDirectory;
  private UserPrincipal user;

  @BeforeEach
  void currentUser() throws IOException {
    user = FileSystems.getDefault().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
  }

  @Test
  void the_library_is_copied_once_into_a_folder_only_its_user_can_read() throws Exception {
    Path folder = RocksNativeLibrary.extract(temporaryDirectory, user);

    Path library = folder.resolve(LIBRARY);
    assertThat(library).isRegularFile();
    assertThat(Files.size(library)).isGreaterThan(1 << 20);
    assertThat(folder.getParent())
        .isEqualTo(temporaryDirectory.resolve("sluice-" + user.getName()));
    for (Path privateFolder : new Path[] {folder, folder.getParent()}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFolder)))
          .isEqualTo("rwx------");
    }
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).containsExactly(library); // no partial copy left behind
    }
  }

  @Test
  void a_second_process_uses_the_copy_already_there() throws Exception {
    Path library = RocksNativeLibrary.extract(temporaryDirectory, user).resolve(LIBRARY);
    Object firstCopy = Files.readAttributes(library, BasicFileAttributes.class).fileKey();

    Path again = RocksNativeLibrary.extract(temporaryDirectory, user).resolve(LIBRARY);

    assertThat(again).isEqualTo(library);
    assertThat(Files.readAttributes(again, BasicFileAttributes.class).fileKey())
        .isEqualTo(firstCopy);
  }

  @Test
  void a_copy_cut_short_is_replaced_by_a_whole_one() throws Exception {
    Path library = RocksNativeLibrary.extract(temporaryDirectory, user).resolve(LIBRARY);
    long size = Files.size(library);
    Files.write(library, new byte[100]);

    RocksNativeLibrary.extract(temporaryDirectory, user);

    assertThat(Files.size(library)).isEqualTo(size);
  }

  @Test
  void a_partial_copy_abandoned_by_a_killed_process_is_removed_by_the_next_copy()
      throws Exception {
    Path folder = RocksNativeLibrary.extract(temporaryDirectory, user);
    Path abandoned = Files.createFile(folder.resolve(LIBRARY + "123.partial"));
    Files.setLastModifiedTime(abandoned, FileTime.from(
        Instant.now().minus(RocksNativeLibrary.ABANDONED_AFTER).minusSeconds(1)));
    Path inProgress = Files.createFile(folder.resolve(LIBRARY + "456.partial"));
    Files.delete(folder.resolve(LIBRARY)); // so that the next call copies again

    RocksNativeLibrary.extract(temporaryDirectory, user);

    assertThat(abandoned).doesNotExist();
    assertThat(inProgress).exists();
    assertThat(folder.resolve(LIBRARY)).isRegularFile();
  }

  @Test
  void a_folder_others_may_write_to_is_not_used() throws Exception {
    Path shared = temporaryDirectory.resolve("sluice-" + user.getName());
    Files.createDirectory(shared);
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> RocksNativeLibrary.extract(temporaryDirectory, user))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("may be changed by others");
    try (Stream<Path> files = Files.list(shared)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void a_link_in_place_of_the_folder_is_not_followed() throws Exception {
    Path elsewhere = Files.createDirectory(temporaryDirectory.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(temporaryDirectory.resolve("sluice-" + user.getName()), elsewhere);

    assertThatThrownBy(() -> RocksNativeLibrary.extract(temporaryDirectory, user))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a folder");
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }
}

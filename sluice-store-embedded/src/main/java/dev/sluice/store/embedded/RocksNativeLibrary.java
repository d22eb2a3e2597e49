package dev.sluice.store.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's native library from one copy per user and library version, in a private folder
 * under the temporary directory, instead of RocksDB's own fresh copy per process.
 *
 * <p>why: RocksDB's loader copies its 17 MB library to a new temporary file at every start and
 * deletes it only when the JVM exits normally. Every kill -9 (a crash, an out-of-memory kill, a
 * container stopped past its grace period) left one behind: 124 files, 2 GB, in {@code /tmp} of
 * a machine after one day of tests and benchmarks. One shared copy also saves the copying.
 *
 * <p>The folder is {@code <java.io.tmpdir>/sluice-<user>/rocksdbjni-<size>-<crc>/}: named after
 * the library inside the jar, so a new RocksDB version gets a folder of its own and a copy is
 * never rewritten while another process has it loaded. It is used only when it is a real folder
 * of this user that nobody else may write to: a library planted there by someone else would run
 * inside the server. Anything unexpected (no POSIX file system, a jar-less class path, a folder
 * that fails those checks) falls back to RocksDB's own loader.
 */
final class RocksNativeLibrary {

  private static final Logger log = LoggerFactory.getLogger(RocksNativeLibrary.class);
  private static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rwx------");

  /**
   * The name {@link RocksDB#loadLibrary(List)} loads from each folder it is given. why not the
   * name inside the jar: RocksDB 11.8 builds it from "rocksdbjni", not "rocksdb", so it looks for
   * {@code librocksdbjnijni-linux64.so}. Should a later version change that, the copy is not found,
   * RocksDB's own loader takes over, and EmbeddedStoreCrashTest fails on the copy it leaves.
   */
  static final String LOADED_FILE_NAME = Environment.getJniLibraryFileName("rocksdbjni");

  /** A copy takes well under a second; one this old was abandoned. */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

  private RocksNativeLibrary() {}

  /** Loads the library once per JVM; later calls return at once. */
  static void load() {
    try {
      Path folder = extract(Path.of(System.getProperty("java.io.tmpdir")), currentUser());
      RocksDB.loadLibrary(List.of(folder.toString()));
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      // why info: once per JVM, and without the shared copy each kill -9 leaves 17 MB behind
      log.info("RocksDB's library is loaded RocksDB's way, a temporary copy per process: {}",
          e.toString());
      log.debug("Why the shared copy could not be used", e);
      RocksDB.loadLibrary();
    }
  }

  /**
   * Makes sure this user's copy of the library exists under {@code temporaryDirectory} and returns
   * its folder. The copy is written under another name and renamed into place, so a process that
   * reads the final name always finds a whole library.
   */
  static Path extract(Path temporaryDirectory, UserPrincipal user) throws IOException {
    String resourceName = Environment.getJniLibraryFileName("rocksdb");
    URL resource = RocksDB.class.getClassLoader().getResource(resourceName);
    if (resource == null) {
      throw new IOException("No " + resourceName + " on the class path");
    }
    JarURLConnection jar = jarConnection(resource);
    // why not cached: a cached JarFile would stay open for the life of the JVM; closing this
    // stream closes the uncached one.
    try (InputStream in = jar.getInputStream()) {
      JarEntry entry = jar.getJarEntry();
      if (entry.getSize() < 0 || entry.getCrc() < 0) {
        throw new IOException("The jar does not record the size and CRC of " + resource);
      }
      Path userFolder =
          privateFolder(temporaryDirectory.resolve("sluice-" + safe(user.getName())), user);
      Path folder = privateFolder(userFolder.resolve(
          "rocksdbjni-" + entry.getSize() + "-" + Long.toHexString(entry.getCrc())), user);
      Path library = folder.resolve(LOADED_FILE_NAME);
      if (!Files.isRegularFile(library, LinkOption.NOFOLLOW_LINKS)
          || Files.size(library) != entry.getSize()) {
        copy(in, entry.getSize(), library);
      }
      return folder;
    }
  }

  private static void copy(InputStream in, long size, Path library) throws IOException {
    String name = library.getFileName().toString();
    removeAbandonedCopies(library.getParent());
    Path partial = Files.createTempFile(library.getParent(), name, ".partial");
    try {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      if (Files.size(partial) != size) {
        throw new IOException(
            "Copied " + Files.size(partial) + " bytes of " + name + ", expected " + size);
      }
      Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /**
   * Deletes partial copies older than {@link #ABANDONED_AFTER}: left by a process killed while
   * copying. A younger one may be another process's copy in progress.
   */
  static void removeAbandonedCopies(Path folder) throws IOException {
    FileTime before = FileTime.from(Instant.now().minus(ABANDONED_AFTER));
    try (DirectoryStream<Path> partials = Files.newDirectoryStream(folder, "*.partial")) {
      for (Path partial : partials) {
        if (Files.getLastModifiedTime(partial, LinkOption.NOFOLLOW_LINKS).compareTo(before) < 0) {
          Files.deleteIfExists(partial);
        }
      }
    }
  }

  private static JarURLConnection jarConnection(URL resource) throws IOException {
    if (!(resource.openConnection() instanceof JarURLConnection jar)) {
      throw new IOException("RocksDB's library is not inside a jar: " + resource);
    }
    jar.setUseCaches(false);
    return jar;
  }

  /** Creates the folder readable by its owner only, or checks that an existing one is such. */
  static Path privateFolder(Path folder, UserPrincipal user) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PRIVATE));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another process created it meanwhile: checked below like any existing folder
      }
    }
    PosixFileAttributes attributes =
        Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isDirectory()) {
      throw new IOException(folder + " is not a folder");
    }
    if (!attributes.owner().equals(user)) {
      throw new IOException(folder + " belongs to " + attributes.owner() + ", not " + user);
    }
    if (!PRIVATE.containsAll(attributes.permissions())) {
      throw new IOException(folder + " may be changed by others: "
          + PosixFilePermissions.toString(attributes.permissions()));
    }
    return folder;
  }

  private static UserPrincipal currentUser() throws IOException {
    return FileSystems.getDefault().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
  }

  /** A user name as one path segment. */
  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}

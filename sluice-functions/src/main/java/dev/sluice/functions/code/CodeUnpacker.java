package dev.sluice.functions.code;

import dev.sluice.functions.FunctionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Unpacks deployment packages into {@code <root>/<function>/<sha256-hex>}, once per code version:
 * the zip is unpacked into a scratch folder that is renamed into place when complete, so a crash
 * never leaves a half-unpacked folder that looks finished.
 *
 * <p>Refused (the whole package, before anything is renamed into place): entries whose path is
 * absolute or climbs out with {@code ..}, symlinks (they could point anywhere), and packages whose
 * unpacked size exceeds AWS's 250 MB. Unix modes are kept so a {@code bootstrap} stays executable.
 */
public final class CodeUnpacker {

  public static final String CANNOT_UNZIP =
      "Could not unzip uploaded file. Please check your file, then try to upload again.";
  /** AWS's limit on the unzipped size of a function and its layers. */
  public static final long MAX_UNZIPPED_BYTES = 262_144_000L;

  private static final int S_IFMT = 0170000;
  private static final int S_IFLNK = 0120000;

  private final Path root;

  public CodeUnpacker(Path root) {
    this.root = root;
  }

  /**
   * The folder holding the unpacked code; unpacks it first unless already there. The package
   * itself is kept beside it ({@link #zipOf}), for GetFunction's Code.Location.
   */
  public Path unpack(String function, CodePackage code) {
    Path target = folderOf(function, code);
    keepZip(function, code);
    if (Files.isDirectory(target)) {
      return target;
    }
    Path scratch = target.resolveSibling(".unpacking-" + code.sha256Hex() + "-" + System.nanoTime());
    try {
      Files.createDirectories(scratch);
      extract(code, scratch);
      Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      if (Files.isDirectory(target)) {
        return target; // another thread unpacked the same version first
      }
      throw new UncheckedIOException("Cannot unpack code of " + function, e);
    } finally {
      Folders.deleteRecursively(scratch);
    }
  }

  /** Throws InvalidParameterValueException unless the package would unpack; writes nothing. */
  public static void check(CodePackage code) {
    try (ZipFile zip = open(code)) {
      long total = 0;
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        checkEntry(entry);
        total += Math.max(entry.getSize(), 0);
      }
      checkTotal(total);
    } catch (IOException e) {
      throw FunctionException.invalidParameter(CANNOT_UNZIP);
    }
  }

  public Path folderOf(String function, CodePackage code) {
    return root.resolve(function).resolve(code.sha256Hex());
  }

  public Path folderOf(String function, String sha256Hex) {
    return root.resolve(function).resolve(sha256Hex);
  }

  /** The deployment package as uploaded (absent for code unpacked before packages were kept). */
  public Path zipOf(String function, String sha256Hex) {
    return root.resolve(function).resolve(sha256Hex + ".zip");
  }

  private void keepZip(String function, CodePackage code) {
    Path zip = zipOf(function, code.sha256Hex());
    if (Files.exists(zip)) {
      return;
    }
    Path scratch = zip.resolveSibling(".writing-" + code.sha256Hex() + "-" + System.nanoTime());
    try {
      Files.createDirectories(zip.getParent());
      Files.write(scratch, code.zip());
      Files.move(scratch, zip, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the code package of " + function, e);
    } finally {
      try {
        Files.deleteIfExists(scratch);
      } catch (IOException ignored) {
        // A leftover scratch file is harmless: it is never read.
      }
    }
  }

  /** Removes every unpacked version of a function. */
  public void deleteAll(String function) {
    Folders.deleteRecursively(root.resolve(function));
  }

  private static void extract(CodePackage code, Path into) throws IOException {
    Path base = into.toAbsolutePath().normalize();
    long total = 0;
    try (ZipFile zip = open(code)) {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        checkEntry(entry);
        Path destination = base.resolve(entry.getName()).normalize();
        if (!destination.startsWith(base)) {
          throw refused(entry, "it would land outside the function's folder");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
          continue;
        }
        Files.createDirectories(destination.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          total += Files.copy(in, destination);
        }
        checkTotal(total);
        applyMode(destination, entry.getUnixMode());
      }
    } catch (FunctionException e) {
      throw e;
    } catch (IOException e) {
      if (e instanceof AccessDeniedException) {
        throw e;
      }
      throw FunctionException.invalidParameter(CANNOT_UNZIP);
    }
  }

  private static ZipFile open(CodePackage code) throws IOException {
    return ZipFile.builder()
        .setSeekableByteChannel(new SeekableInMemoryByteChannel(code.zip()))
        .get();
  }

  private static void checkEntry(ZipArchiveEntry entry) {
    String name = entry.getName();
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      throw refused(entry, "its path is absolute");
    }
    for (String part : name.split("[/\\\\]")) {
      if (part.equals("..")) {
        throw refused(entry, "its path climbs out of the function's folder");
      }
    }
    if ((entry.getUnixMode() & S_IFMT) == S_IFLNK) {
      throw refused(entry, "it is a symbolic link");
    }
  }

  private static void checkTotal(long total) {
    if (total > MAX_UNZIPPED_BYTES) {
      throw FunctionException.invalidParameter(
          "Unzipped size must be smaller than " + MAX_UNZIPPED_BYTES + " bytes");
    }
  }

  private static FunctionException refused(ZipArchiveEntry entry, String why) {
    return FunctionException.invalidParameter(
        CANNOT_UNZIP + " The entry '" + entry.getName() + "' is refused: " + why + ".");
  }

  // Owner bits from the zip; group and others get what the owner has, minus write.
  private static void applyMode(Path file, int unixMode) throws IOException {
    if (unixMode == 0) {
      return;
    }
    Set<PosixFilePermission> permissions = EnumSet.of(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    if ((unixMode & 0100) != 0) {
      permissions.add(PosixFilePermission.OWNER_EXECUTE);
      permissions.add(PosixFilePermission.GROUP_EXECUTE);
      permissions.add(PosixFilePermission.OTHERS_EXECUTE);
    }
    permissions.add(PosixFilePermission.GROUP_READ);
    permissions.add(PosixFilePermission.OTHERS_READ);
    try {
      Files.setPosixFilePermissions(file, permissions);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: modes do not apply.
    }
  }
}

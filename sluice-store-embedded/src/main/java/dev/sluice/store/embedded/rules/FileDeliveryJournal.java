package dev.sluice.store.embedded.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.schedules.delivery.DeliveryJournal;
import dev.sluice.schedules.delivery.PendingDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link DeliveryJournal}: one small JSON file per pending retry, {@code
 * <folder>/<id>.json}. why files: pending retries exist only while targets fail, so they are
 * usually none and rarely many; a file each makes save and remove independent (no rewrite of a
 * shared file) and leaves them readable by a person. A save writes {@code <id>.json.tmp}, fsyncs
 * it, renames it atomically over {@code <id>.json} and fsyncs the folder, so a crash leaves the old
 * or the new entry, never a torn one. Removal is a plain delete: losing it in a crash costs one
 * extra retry, which at-least-once delivery allows.
 */
public final class FileDeliveryJournal implements DeliveryJournal {

  static final String SUFFIX = ".json";

  private static final Logger log = LoggerFactory.getLogger(FileDeliveryJournal.class);

  // why: ids become file names; only what TargetDelivery makes (UUIDs) is accepted.
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path folder;

  private FileDeliveryJournal(Path folder) {
    this.folder = folder;
  }

  /** Opens (creating if needed) the journal in {@code folder}; deletes interrupted writes. */
  public static FileDeliveryJournal open(Path folder) throws IOException {
    Files.createDirectories(folder);
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, "*.tmp")) {
      for (Path leftover : leftovers) {
        Files.deleteIfExists(leftover);
      }
    }
    return new FileDeliveryJournal(folder);
  }

  @Override
  public void save(PendingDelivery pending) {
    Path file = file(pending.id());
    try {
      DurableFiles.replace(file, JSON.writeValueAsBytes(pending));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save pending retry " + file, e);
    }
  }

  @Override
  public void remove(String id) {
    try {
      Files.deleteIfExists(file(id));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove pending retry " + id, e);
    }
  }

  /** Every readable entry; one that cannot be read is logged and left in place for a person. */
  @Override
  public List<PendingDelivery> all() {
    List<PendingDelivery> result = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      for (Path file : files) {
        try {
          result.add(JSON.readValue(file.toFile(), PendingDelivery.class));
        } catch (IOException e) {
          log.error("Cannot read pending retry {}; skipped", file, e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list pending retries in " + folder, e);
    }
    return result;
  }

  private Path file(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Not a pending retry id: " + id);
    }
    return folder.resolve(id + SUFFIX);
  }
}

package dev.sluice.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version this server was built as (Maven's project version, filtered in at build time). */
public final class SluiceVersion {

  private static final String VERSION = load();

  private SluiceVersion() {}

  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = SluiceVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.sluice.store.embedded.comparison;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * SQLite (xerial JDBC) in WAL mode with synchronous=FULL, so every commit syncs the WAL. SQLite
 * has one writer at a time and no group commit: concurrent writers share one connection in turn.
 */
final class SqliteCandidate implements StorageEngineComparison.Candidate {

  private Connection connection;
  private PreparedStatement upsert;
  private PreparedStatement remove;
  private PreparedStatement select;

  @Override
  public String name() {
    return "SQLite";
  }

  @Override
  public synchronized void open(Path dir) throws Exception {
    connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("CREATE TABLE IF NOT EXISTS records (id INTEGER PRIMARY KEY, v BLOB NOT NULL)");
    }
    upsert = connection.prepareStatement("INSERT OR REPLACE INTO records (id, v) VALUES (?, ?)");
    remove = connection.prepareStatement("DELETE FROM records WHERE id = ?");
    select = connection.prepareStatement("SELECT v FROM records WHERE id = ?");
  }

  @Override
  public synchronized void put(long key, byte[] value) throws Exception {
    upsert.setLong(1, key);
    upsert.setBytes(2, value);
    upsert.executeUpdate();
  }

  @Override
  public synchronized void putBatch(long[] keys, byte[][] values) throws Exception {
    connection.setAutoCommit(false);
    for (int i = 0; i < keys.length; i++) {
      upsert.setLong(1, keys[i]);
      upsert.setBytes(2, values[i]);
      upsert.executeUpdate();
    }
    connection.commit();
    connection.setAutoCommit(true);
  }

  @Override
  public void update(long key, byte[] value) throws Exception {
    put(key, value);
  }

  @Override
  public synchronized void delete(long key) throws Exception {
    remove.setLong(1, key);
    remove.executeUpdate();
  }

  @Override
  public synchronized byte[] get(long key) throws Exception {
    select.setLong(1, key);
    try (ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getBytes(1) : null;
    }
  }

  @Override
  public synchronized long scan() throws Exception {
    long count = 0;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, v FROM records")) {
      while (rs.next()) {
        if (rs.getBytes(2).length > 0) {
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public synchronized void close() throws Exception {
    connection.close();
  }
}

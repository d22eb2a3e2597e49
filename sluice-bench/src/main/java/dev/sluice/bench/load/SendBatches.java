package dev.sluice.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SendMessageBatch bodies of {@code entries} messages of {@code bodyBytes} ASCII bytes each,
 * written by hand (not by Jackson) because the generator builds one per request on its single core.
 */
public final class SendBatches {

  private final String queueUrl;
  private final int entries;
  private final String payload;
  private final byte[] fixedBody;
  private final AtomicLong sequence = new AtomicLong();

  public SendBatches(String queueUrl, int entries, int bodyBytes) {
    this.queueUrl = queueUrl;
    this.entries = entries;
    char[] chars = new char[bodyBytes];
    Arrays.fill(chars, 'x');
    // Message bodies differ per position so a server cannot share one payload for a whole batch.
    this.payload = new String(chars);
    this.fixedBody = build(null, 0);
  }

  public int entries() {
    return entries;
  }

  /** The same standard-queue batch every time (the server assigns fresh message ids anyway). */
  public byte[] standard() {
    return fixedBody;
  }

  /**
   * A standard-queue batch whose bodies start with {@code stamp} and a colon (the rest is padding
   * up to the body size): the steady-pipeline scenario stamps each message's due time.
   */
  public byte[] stamped(long stamp) {
    String prefix = stamp + ":";
    StringBuilder json = new StringBuilder(entries * (payload.length() + 40) + 100);
    json.append("{\"QueueUrl\":\"").append(queueUrl).append("\",\"Entries\":[");
    for (int i = 0; i < entries; i++) {
      json.append(i == 0 ? "" : ",").append("{\"Id\":\"m").append(i).append("\",\"MessageBody\":\"");
      json.append(prefix).append(payload, prefix.length(), payload.length()).append("\"}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A FIFO batch: entry i goes to group "g{i % groups}", each with a fresh deduplication id. */
  public byte[] fifo(int groups) {
    return build(sequence.getAndAdd(entries), groups);
  }

  private byte[] build(Long firstSequence, int groups) {
    StringBuilder json = new StringBuilder(entries * (payload.length() + 120) + 100);
    json.append("{\"QueueUrl\":\"").append(queueUrl).append("\",\"Entries\":[");
    for (int i = 0; i < entries; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"Id\":\"m").append(i).append("\",\"MessageBody\":\"").append(i % 10);
      json.append(payload, 1, payload.length()).append('"');
      if (firstSequence != null) {
        json.append(",\"MessageGroupId\":\"g").append(i % groups).append('"');
        json.append(",\"MessageDeduplicationId\":\"d").append(firstSequence + i).append('"');
      }
      json.append('}');
    }
    json.append("]}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}

package dev.sluice.bench.load;

import java.nio.charset.StandardCharsets;

/** One HTTP answer from an SQS endpoint: status and raw body (JSON protocol). */
public record SqsResponse(int status, byte[] body) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}

package dev.sluice.core.queue;

import java.util.regex.Pattern;

/** Queue names: 1 to 80 alphanumerics, hyphens and underscores; FIFO names end in {@code .fifo}. */
public final class QueueNames {

  public static final String FIFO_SUFFIX = ".fifo";
  private static final Pattern STANDARD = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  // why: "The .fifo suffix counts towards the 80-character queue name quota."
  private static final Pattern FIFO = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

  private QueueNames() {}

  public static void check(String name, boolean fifo) {
    if (name == null || name.isEmpty()) {
      throw SqsException.missingParameter("QueueName");
    }
    if (fifo && !FIFO.matcher(name).matches()) {
      throw SqsException.invalidParameterValue("The name of a FIFO queue can only include"
          + " alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be"
          + " 1 to 80 in length.");
    }
    if (!fifo && !STANDARD.matcher(name).matches()) {
      throw SqsException.invalidParameterValue(
          "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
  }
}

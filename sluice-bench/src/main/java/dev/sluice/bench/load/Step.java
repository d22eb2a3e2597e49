package dev.sluice.bench.load;

/**
 * What one operation of a load worker achieved.
 *
 * @param messages messages sent, or received and deleted
 * @param more false when the worker should stop early (queue drained, quota reached)
 */
public record Step(int messages, boolean more) {

  public static Step of(int messages) {
    return new Step(messages, true);
  }

  public static Step last(int messages) {
    return new Step(messages, false);
  }
}

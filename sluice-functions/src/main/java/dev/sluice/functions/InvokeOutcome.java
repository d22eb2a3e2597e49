package dev.sluice.functions;

/**
 * What Invoke answers.
 *
 * @param statusCode 200 (RequestResponse), 202 (Event) or 204 (DryRun)
 * @param payload the result or AWS's error JSON; empty for 202 and 204
 * @param functionError null, or {@code Unhandled}
 * @param logTail the last 4 KB of the log when LogType was Tail, else null
 */
public record InvokeOutcome(
    int statusCode, byte[] payload, String functionError, byte[] logTail, String executedVersion) {}

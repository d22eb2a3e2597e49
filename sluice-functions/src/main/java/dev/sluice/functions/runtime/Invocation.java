package dev.sluice.functions.runtime;

/**
 * One invocation handed to an execution environment.
 *
 * @param clientContext the decoded ClientContext JSON, or null
 * @param tailLog whether the caller wants the last 4 KB of the invocation's log
 */
public record Invocation(
    String requestId,
    byte[] payload,
    String invokedFunctionArn,
    String traceId,
    String clientContext,
    boolean tailLog) {}

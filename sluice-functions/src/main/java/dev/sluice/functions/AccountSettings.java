package dev.sluice.functions;

/**
 * GetAccountSettings' numbers.
 *
 * @param concurrentExecutions the server-wide concurrency limit
 * @param unreservedConcurrentExecutions what is left of it after reservations
 * @param totalCodeSize bytes of code stored ($LATEST and published versions)
 */
public record AccountSettings(
    int concurrentExecutions,
    int unreservedConcurrentExecutions,
    long totalCodeSize,
    int functionCount) {}

package dev.sluice.functions;

/**
 * Put/Get/DeleteFunctionConcurrency and GetAccountSettings: reservations are stored with the
 * function's extras and carved out of the server-wide limit that {@link Concurrency} counts.
 */
final class ReservedConcurrency {

  private final FunctionRegistry registry;
  private final Concurrency concurrency;

  ReservedConcurrency(FunctionRegistry registry, Concurrency concurrency) {
    this.registry = registry;
    this.concurrency = concurrency;
    registry.allExtras().forEach(e -> concurrency.reserve(e.name(), e.reservedConcurrency()));
  }

  /** Sets ReservedConcurrentExecutions; 0 throttles every invocation of the function. */
  int put(String functionName, Integer reserved) {
    if (reserved == null) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must"
          + " not be null");
    }
    if (reserved < 0) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
          + reserved + "' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member"
          + " must have value greater than or equal to 0");
    }
    synchronized (registry) {
      FunctionDefinition latest = registry.unqualifiedFunction(functionName);
      if (reserved > concurrency.reservable(latest.name())) {
        throw FunctionException.invalidParameter("Specified ReservedConcurrentExecutions for"
            + " function decreases account's UnreservedConcurrentExecution below its minimum"
            + " value of [" + concurrency.minimumUnreserved() + "].");
      }
      registry.saveExtras(registry.extrasOf(latest.name()).withReservedConcurrency(reserved));
      concurrency.reserve(latest.name(), reserved);
      return reserved;
    }
  }

  /** The function's reserved concurrency, or null when it has none. */
  Integer get(String functionName) {
    return registry.extrasOf(registry.unqualifiedFunction(functionName).name())
        .reservedConcurrency();
  }

  void delete(String functionName) {
    synchronized (registry) {
      FunctionDefinition latest = registry.unqualifiedFunction(functionName);
      registry.saveExtras(registry.extrasOf(latest.name()).withReservedConcurrency(null));
      concurrency.reserve(latest.name(), null);
    }
  }

  /** Frees a deleted function's reservation. */
  void forget(String functionName) {
    concurrency.reserve(functionName, null);
  }

  AccountSettings accountSettings() {
    return new AccountSettings(concurrency.limit(), concurrency.unreserved(),
        registry.totalCodeSize(), registry.functionCount());
  }
}

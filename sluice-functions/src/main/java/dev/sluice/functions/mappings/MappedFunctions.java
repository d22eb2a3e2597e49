package dev.sluice.functions.mappings;

import dev.sluice.functions.FunctionException;
import dev.sluice.functions.FunctionName;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.InvokeOutcome;
import dev.sluice.functions.InvokeRequest;
import dev.sluice.functions.InvokeRequest.InvocationType;
import dev.sluice.functions.LambdaError;
import java.util.concurrent.CompletableFuture;

/** The functions mappings feed: looked up when a mapping names one, invoked with batches. */
public interface MappedFunctions {

  /**
   * The function {@code given} names (a name, partial or full ARN), as {@code NAME} or, when it
   * names a version or alias, {@code NAME:QUALIFIER}.
   *
   * @throws FunctionException InvalidParameterValueException "Function does not exist" if none
   */
  String existingName(String given);

  /** The ARN of a function as {@link #existingName} gave it (qualified when it is). */
  String arn(String name);

  /**
   * Invokes the function ({@code NAME} or {@code NAME:QUALIFIER}) synchronously with a batch.
   * Completes with what the function answered, or exceptionally when the invocation could not
   * happen (function gone; TooManyRequests when it is throttled).
   */
  CompletableFuture<InvokeOutcome> invoke(String name, byte[] payload);

  /** The function service's functions, versions and aliases. */
  static MappedFunctions of(FunctionService functions) {
    return new MappedFunctions() {
      @Override
      public String existingName(String given) {
        try {
          String qualifier = FunctionName.forLookup(given, null).qualifier();
          String name = functions.get(given, null).name();
          return qualifier == null ? name : name + ":" + qualifier;
        } catch (FunctionException e) {
          if (e.error() == LambdaError.RESOURCE_NOT_FOUND) {
            throw FunctionException.invalidParameter("Function does not exist");
          }
          throw e;
        }
      }

      @Override
      public String arn(String name) {
        return functions.arn(name);
      }

      @Override
      public CompletableFuture<InvokeOutcome> invoke(String name, byte[] payload) {
        return functions.invoke(new InvokeRequest(
            name, null, InvocationType.REQUEST_RESPONSE, payload, false, null));
      }
    };
  }
}

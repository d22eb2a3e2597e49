package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.FunctionSettings;
import dev.sluice.schedules.delivery.TargetDeliveryException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaTargetInvokerTest {

  @TempDir Path dataDir;

  @Test
  void a_missing_function_is_a_target_error_no_retry_can_fix() {
    try (FunctionService functions = FunctionService.open(FunctionSettings.of(
        dataDir, "000000000000", "us-east-1", "http://127.0.0.1:1"), new ManualTimeSource())) {
      String arn = "arn:aws:lambda:us-east-1:000000000000:function:nowhere";

      var delivery = new LambdaTargetInvoker(functions).invokeAsync(arn, "{\"id\":\"1\"}");

      assertThat(delivery).isCompletedExceptionally();
      Throwable error = delivery.handle((ok, e) -> e).join();
      assertThat(error instanceof CompletionException ? error.getCause() : error)
          .isInstanceOfSatisfying(TargetDeliveryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("Lambda.ResourceNotFoundException");
            assertThat(e.getMessage()).isEqualTo("Function not found: " + arn);
            assertThat(e.retryable()).isFalse();
          });
    }
  }
}

package dev.sluice.functions.runtime;

import dev.sluice.functions.FunctionDefinition;
import dev.sluice.functions.FunctionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything needed to start one execution environment. */
record EnvironmentSpec(
    String id,
    FunctionDefinition function,
    Path taskRoot,
    List<String> command,
    Path environmentsDir,
    Duration initTimeout,
    FunctionSettings settings,
    long startedAtMillis) {

  private static final DateTimeFormatter STREAM_DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** AWS's stream name: {@code 2026/11/24/[$LATEST]<32 hex digits>}. */
  String logStreamName() {
    return STREAM_DATE.format(java.time.Instant.ofEpochMilli(startedAtMillis))
        + "/[" + function.version() + "]" + id;
  }

  /**
   * The process's whole environment: AWS's variables, the function's own, and AWS_ENDPOINT_URL so
   * unchanged SDK code reaches Sluice. Nothing is inherited from the server but PATH and LANG.
   */
  Map<String, String> variables(String runtimeApi, Path tmp) {
    Map<String, String> env = new LinkedHashMap<>();
    String path = System.getenv("PATH");
    env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
    env.put("LANG", "en_US.UTF-8");
    env.putAll(function.environment());
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    env.put("_HANDLER", function.handler() == null ? "" : function.handler());
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", function.version());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName());
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_REGION", settings.region());
    env.put("AWS_DEFAULT_REGION", settings.region());
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_SESSION_TOKEN", "test");
    env.put("AWS_ENDPOINT_URL", settings.endpointUrl());
    env.put("TZ", ":UTC");
    env.put("TMPDIR", tmp.toString());
    env.put("HOME", tmp.toString());
    // The code folder is shared by every environment of a version and must stay as unpacked
    // (AWS's /var/task is read-only), so Python writes no byte-code cache, as on AWS. Not a
    // private cache prefix either: Python would then miss the standard library's own compiled
    // files and recompile every import at each cold start (0.5 s instead of 0.1 s measured).
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    return env;
  }
}

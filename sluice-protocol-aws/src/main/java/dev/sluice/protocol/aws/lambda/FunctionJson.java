package dev.sluice.protocol.aws.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.functions.FunctionDefinition;
import dev.sluice.protocol.aws.wire.Json;

/** Function configurations in the shapes AWS answers them (checked against its recordings). */
final class FunctionJson {

  /** How far along AWS reports a function after the call that returns it. */
  enum Phase {
    /** CreateFunction's answer: AWS is still creating it. */
    CREATED,
    /** UpdateFunctionCode / UpdateFunctionConfiguration's answer: the update is under way. */
    UPDATED,
    /** GetFunction / GetFunctionConfiguration: settled. */
    SETTLED,
    /** ListFunctions entries carry no state at all. */
    LISTED
  }

  private final String region;

  FunctionJson(String region) {
    this.region = region;
  }

  // Sluice finishes creating and updating (unpacking the code) before it answers, so what it
  // stores is already Active/Successful; the answers to the changing calls still say what AWS's
  // say (Pending, InProgress) because clients and waiters are written against those.
  ObjectNode configuration(FunctionDefinition function, String arn, Phase phase) {
    ObjectNode node = Json.object();
    node.put("FunctionName", function.name());
    node.put("FunctionArn", arn);
    node.put("Runtime", function.runtime());
    node.put("Role", function.role());
    if (function.handler() != null) {
      node.put("Handler", function.handler());
    }
    node.put("CodeSize", function.codeSize());
    node.put("Description", function.description());
    node.put("Timeout", function.timeoutSeconds());
    node.put("MemorySize", function.memorySizeMb());
    node.put("LastModified", function.lastModified());
    node.put("CodeSha256", function.codeSha256());
    node.put("Version", function.version());
    ObjectNode variables = node.putObject("Environment").putObject("Variables");
    function.environment().forEach(variables::put);
    if (function.deadLetterTargetArn() != null) {
      node.putObject("DeadLetterConfig").put("TargetArn", function.deadLetterTargetArn());
    }
    node.putObject("TracingConfig").put("Mode", "PassThrough");
    node.put("RevisionId", function.revisionId());
    node.put("PackageType", "Zip");
    function.architectures().forEach(node.putArray("Architectures")::add);
    node.putObject("EphemeralStorage").put("Size", 512);
    node.putObject("SnapStart").put("ApplyOn", "None").put("OptimizationStatus", "Off");
    node.putObject("LoggingConfig").put("LogFormat", "Text")
        .put("LogGroup", "/aws/lambda/" + function.name());
    if (phase == Phase.LISTED) {
      return node;
    }
    node.putObject("RuntimeVersionConfig").put("RuntimeVersionArn",
        "arn:aws:lambda:" + region + "::runtime:" + function.runtime());
    switch (phase) {
      case CREATED -> node.put("State", "Pending")
          .put("StateReason", "The function is being created.")
          .put("StateReasonCode", "Creating");
      case UPDATED -> node.put("State", "Active")
          .put("LastUpdateStatus", "InProgress")
          .put("LastUpdateStatusReason", "The function is being created.")
          .put("LastUpdateStatusReasonCode", "Creating");
      default -> node.put("State", "Active").put("LastUpdateStatus", "Successful");
    }
    return node;
  }

  ObjectNode getFunction(FunctionDefinition function, String arn, String codeLocation) {
    ObjectNode node = Json.object();
    node.set("Configuration", configuration(function, arn, Phase.SETTLED));
    node.putObject("Code").put("RepositoryType", "S3").put("Location", codeLocation);
    if (!function.tags().isEmpty()) {
      ObjectNode tags = node.putObject("Tags");
      function.tags().forEach(tags::put);
    }
    return node;
  }
}

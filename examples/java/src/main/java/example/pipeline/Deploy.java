package example.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Deploys the pipeline: queues, both functions (runtime java17), and what starts the work.
 *
 * <pre>
 *   Deploy             rule variant: rate(1 minute) rule -> consumer -> worker
 *   Deploy --mapping   mapping variant: jobs -> event-source mapping -> worker
 *   Deploy --role ARN  the functions' execution role (on AWS: one that may use SQS and Lambda)
 * </pre>
 *
 * <p>Idempotent: run it again after a change and it updates what exists. Switching variants turns
 * the other one off. The function package (classes at the root, libraries under lib/, as Lambda
 * takes Java code) is built from target/classes and target/lib, and kept as
 * target/pipeline-lambda.zip.
 */
public final class Deploy {

  private static final String PERMISSION_ID = "invoke-from-" + Names.RULE;

  private final SqsClient sqs;
  private final LambdaClient lambda;
  private final EventBridgeClient events;

  Deploy(SqsClient sqs, LambdaClient lambda, EventBridgeClient events) {
    this.sqs = sqs;
    this.lambda = lambda;
    this.events = events;
  }

  public static void main(String[] args) throws IOException {
    boolean mapping = List.of(args).contains("--mapping");
    int roleAt = List.of(args).indexOf("--role");
    try (SqsClient sqs = SqsClient.create();
         LambdaClient lambda = LambdaClient.create();
         EventBridgeClient events = EventBridgeClient.create()) {
      String role = roleAt >= 0 ? args[roleAt + 1] : null;
      new Deploy(sqs, lambda, events).deploy(mapping, role, functionPackage());
    }
  }

  /** Deploys the chosen variant; without a role, role/sluice-pipeline of the queues' account. */
  void deploy(boolean mapping, String role, byte[] code) {
    String jobsArn = deployQueues();
    String consumerArn = deployFunctions(role != null ? role : defaultRole(jobsArn), code);
    if (mapping) {
      disableRule();
      deployMapping(jobsArn);
    } else {
      deleteMappings(jobsArn);
      deployRule(consumerArn);
    }
  }

  // --- queues ------------------------------------------------------------------------------

  private String deployQueues() {
    String dlqArn = ensureQueue(Names.JOBS_DLQ, Map.of());
    String jobsArn = ensureQueue(Names.JOBS_QUEUE, Map.of(
        QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(Names.JOBS_VISIBILITY_TIMEOUT),
        QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
            + "\",\"maxReceiveCount\":\"" + Names.MAX_RECEIVE_COUNT + "\"}"));
    ensureQueue(Names.RESULTS_QUEUE, Map.of());
    log("queues %s (dead letters to %s after %d receives), %s", Names.JOBS_QUEUE, Names.JOBS_DLQ,
        Names.MAX_RECEIVE_COUNT, Names.RESULTS_QUEUE);
    return jobsArn;
  }

  /** Creates the queue if needed, (re)applies the attributes; returns its ARN. */
  private String ensureQueue(String name, Map<QueueAttributeName, String> attributes) {
    String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
    if (!attributes.isEmpty()) {
      sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(attributes));
    }
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  // --- functions ---------------------------------------------------------------------------

  private String deployFunctions(String role, byte[] code) {
    ensureFunction(Names.WORKER_FUNCTION, WorkerHandler.class, role, code, Names.WORKER_TIMEOUT,
        Map.of("RESULTS_QUEUE", Names.RESULTS_QUEUE));
    reserveWorkerConcurrency();
    return ensureFunction(Names.CONSUMER_FUNCTION, ConsumerHandler.class, role, code,
        Names.CONSUMER_TIMEOUT,
        Map.of("JOBS_QUEUE", Names.JOBS_QUEUE, "WORKER_FUNCTION", Names.WORKER_FUNCTION));
  }

  /** Creates the function, or updates its code and configuration; returns its ARN. */
  private String ensureFunction(String name, Class<?> handler, String role, byte[] code,
      int timeout, Map<String, String> variables) {
    String handlerName = handler.getName() + "::handleRequest";
    try {
      String arn = lambda.createFunction(r -> r.functionName(name).runtime(Runtime.JAVA17)
          .role(role).handler(handlerName).timeout(timeout).memorySize(512)
          .environment(e -> e.variables(variables))
          .code(c -> c.zipFile(SdkBytes.fromByteArray(code)))).functionArn();
      lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
      log("function %s created (java17, %s)", name, handlerName);
      return arn;
    } catch (ResourceConflictException exists) {
      lambda.updateFunctionCode(r -> r.functionName(name).zipFile(SdkBytes.fromByteArray(code)));
      lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(name));
      String arn = lambda.updateFunctionConfiguration(r -> r.functionName(name)
          .runtime(Runtime.JAVA17).role(role).handler(handlerName).timeout(timeout)
          .memorySize(512).environment(e -> e.variables(variables))).functionArn();
      lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(name));
      log("function %s updated (java17, %s)", name, handlerName);
      return arn;
    }
  }

  private void reserveWorkerConcurrency() {
    try {
      lambda.putFunctionConcurrency(r -> r.functionName(Names.WORKER_FUNCTION)
          .reservedConcurrentExecutions(Names.WORKER_CONCURRENCY));
    } catch (InvalidParameterValueException e) {
      // A new AWS account's concurrency quota (10) leaves nothing to reserve: run unreserved.
      log("worker concurrency not reserved: %s", e.awsErrorDetails().errorMessage());
    }
  }

  // --- what starts the work ----------------------------------------------------------------

  private void deployRule(String consumerArn) {
    String ruleArn = events.putRule(r -> r.name(Names.RULE).scheduleExpression("rate(1 minute)")
        .state(RuleState.ENABLED)
        .description("Starts the consumer, which hands jobs to workers")).ruleArn();
    try {
      // As on AWS, EventBridge may invoke the function only with the function's permission.
      lambda.addPermission(r -> r.functionName(Names.CONSUMER_FUNCTION).statementId(PERMISSION_ID)
          .action("lambda:InvokeFunction").principal("events.amazonaws.com").sourceArn(ruleArn));
    } catch (ResourceConflictException grantedByAnEarlierRun) {
      // nothing to do
    }
    PutTargetsResponse answer = events.putTargets(r -> r.rule(Names.RULE)
        .targets(Target.builder().id("consumer").arn(consumerArn).build()));
    if (answer.failedEntryCount() > 0) {
      throw new IllegalStateException("PutTargets refused the consumer: " + answer.failedEntries());
    }
    log("rule %s (rate(1 minute)) -> %s", Names.RULE, Names.CONSUMER_FUNCTION);
  }

  private void disableRule() {
    try {
      events.disableRule(r -> r.name(Names.RULE));
      log("rule %s disabled", Names.RULE);
    } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
      // never deployed: nothing to disable
    }
  }

  private List<EventSourceMappingConfiguration> mappings(String jobsArn) {
    return lambda.listEventSourceMappings(r -> r.eventSourceArn(jobsArn)
        .functionName(Names.WORKER_FUNCTION)).eventSourceMappings();
  }

  private void deployMapping(String jobsArn) {
    List<EventSourceMappingConfiguration> existing = mappings(jobsArn);
    int maximumConcurrency = Math.max(2, Names.WORKER_CONCURRENCY);
    String uuid;
    if (existing.isEmpty()) {
      uuid = lambda.createEventSourceMapping(r -> r.eventSourceArn(jobsArn)
          .functionName(Names.WORKER_FUNCTION).batchSize(10).enabled(true)
          .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
          .scalingConfig(s -> s.maximumConcurrency(maximumConcurrency))).uuid();
    } else {
      uuid = existing.get(0).uuid();
      lambda.updateEventSourceMapping(r -> r.uuid(uuid).batchSize(10).enabled(true)
          .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
          .scalingConfig(s -> s.maximumConcurrency(maximumConcurrency)));
    }
    waitFor(() -> "Enabled".equals(lambda.getEventSourceMapping(r -> r.uuid(uuid)).state()),
        "the event-source mapping is enabled");
    log("event-source mapping %s -> %s (batches of 10)", Names.JOBS_QUEUE, Names.WORKER_FUNCTION);
  }

  private void deleteMappings(String jobsArn) {
    for (EventSourceMappingConfiguration mapping : mappings(jobsArn)) {
      lambda.deleteEventSourceMapping(r -> r.uuid(mapping.uuid()));
      waitFor(() -> mappings(jobsArn).isEmpty(), "the event-source mapping is deleted");
      log("event-source mapping %s deleted", mapping.uuid());
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  /** The function package: target/classes at the root, the libraries the functions use in lib/. */
  static byte[] functionPackage() throws IOException {
    Path classes;
    try {
      classes = Path.of(Deploy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Path target = classes.getParent();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes);
         Stream<Path> classFiles = Files.walk(classes);
         Stream<Path> libraries = Files.list(target.resolve("lib"))) {
      for (Path file : (Iterable<Path>) classFiles.filter(Files::isRegularFile).sorted()::iterator) {
        add(zip, classes.relativize(file).toString(), file);
      }
      // EventBridge is only for this program: the functions leave it out.
      for (Path jar : (Iterable<Path>) libraries.sorted()
          .filter(p -> !p.getFileName().toString().startsWith("eventbridge-"))::iterator) {
        add(zip, "lib/" + jar.getFileName(), jar);
      }
    }
    byte[] code = bytes.toByteArray();
    Files.write(target.resolve("pipeline-lambda.zip"), code);
    return code;
  }

  private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
    zip.putNextEntry(new ZipEntry(name.replace('\\', '/')));
    Files.copy(file, zip);
    zip.closeEntry();
  }

  /** The account is in every queue ARN: arn:aws:sqs:REGION:ACCOUNT:NAME. */
  private static String defaultRole(String queueArn) {
    return "arn:aws:iam::" + queueArn.split(":")[4] + ":role/sluice-pipeline";
  }

  private static void waitFor(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("timed out waiting until " + what);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static void log(String format, Object... args) {
    System.out.printf("deploy: " + format + "%n", args);
  }
}

package dev.sluice.server.it.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.SdkClients;
import dev.sluice.server.it.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A Java function deployed and invoked with the unchanged AWS SDK for Java v2 Lambda client; its
 * handler uses the SDK v2 SQS client with no endpoint configured and reaches Sluice's queue through
 * AWS_ENDPOINT_URL, which the SDK honours since 2.28.
 */
@DisplayName("Java Lambda functions through the AWS SDK for Java v2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkV2JavaFunctionTest {

  static final String FORWARDER = """
      package app;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.Map;
      import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
      import software.amazon.awssdk.services.sqs.SqsClient;

      public class Forwarder implements RequestHandler<Map<String, String>, String> {
        // Region, credentials and endpoint all come from the Lambda environment.
        private static final SqsClient SQS =
            SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();

        @Override
        public String handleRequest(Map<String, String> event, Context context) {
          String url = SQS.getQueueUrl(r -> r.queueName(event.get("queue"))).queueUrl();
          context.getLogger().log("forwarding to " + url);
          return SQS.sendMessage(r -> r.queueUrl(url).messageBody(event.get("body"))).messageId();
        }
      }
      """;

  // Jars of the test class path the function does not need (other services, other HTTP clients).
  static final Set<String> NOT_SHIPPED = Set.of("lambda", "sts", "eventbridge", "apache-client",
      "apache5-client", "netty-nio-client", "cloudwatchlogs", "scheduler");

  TestServer server;
  LambdaClient lambda;
  SqsClient sqs;

  @BeforeAll
  void startServer() {
    server = TestServer.start();
    sqs = SdkClients.sqsV2(server.endpoint());
    lambda = LambdaClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            SdkClients.DUMMY_ACCESS_KEY, SdkClients.DUMMY_SECRET_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
        .build();
  }

  @AfterAll
  void stopServer() {
    lambda.close();
    sqs.close();
    server.close();
  }

  @Test
  void a_java_function_using_the_sdk_without_endpoint_sends_to_a_sluice_queue(@TempDir Path work)
      throws Exception {
    String queueUrl = sqs.createQueue(r -> r.queueName("java-forwarded")).queueUrl();
    byte[] code = packageOf(work);
    lambda.createFunction(r -> r.functionName("forwarder").runtime(Runtime.JAVA17)
        .handler("app.Forwarder::handleRequest").memorySize(512).timeout(30)
        .role("arn:aws:iam::000000000000:role/lambda-role")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(code))));

    InvokeResponse cold = invoke("{\"queue\":\"java-forwarded\",\"body\":\"from java\"}");
    InvokeResponse warm = invoke("{\"queue\":\"java-forwarded\",\"body\":\"again\"}");

    assertThat(cold.functionError()).isNull();
    assertThat(warm.functionError()).isNull();
    String coldLog = new String(Base64.getDecoder().decode(cold.logResult()),
        StandardCharsets.UTF_8);
    assertThat(coldLog).contains("forwarding to " + queueUrl, "Init Duration:");
    assertThat(new String(Base64.getDecoder().decode(warm.logResult()), StandardCharsets.UTF_8))
        .doesNotContain("Init Duration:");
    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
        .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
    assertThat(messages).extracting(Message::body).containsExactlyInAnyOrder("from java", "again");
    assertThat(messages).extracting(m -> "\"" + m.messageId() + "\"").containsExactlyInAnyOrder(
        cold.payload().asUtf8String(), warm.payload().asUtf8String());
  }

  InvokeResponse invoke(String payload) {
    return lambda.invoke(r -> r.functionName("forwarder").logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String(payload)));
  }

  /** AWS's zip layout: the compiled handler at the root, the SDK's jars in lib/. */
  static byte[] packageOf(Path work) throws IOException {
    List<Path> libraries = sdkJars();
    Path src = Files.createDirectories(work.resolve("src/app"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    Files.writeString(src.resolve("Forwarder.java"), FORWARDER);
    List<String> classPath = new ArrayList<>(libraries.stream().map(Path::toString).toList());
    classPath.add(jarOf(com.amazonaws.services.lambda.runtime.RequestHandler.class).toString());
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "--release", "17",
        "-d", classes.toString(), "-cp", String.join(File.pathSeparator, classPath),
        src.resolve("Forwarder.java").toString());
    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        put(zip, classes.relativize(file).toString(), file);
      }
      for (Path library : libraries) {
        put(zip, "lib/" + library.getFileName(), library);
      }
    }
    return bytes.toByteArray();
  }

  // The SDK v2 and what it needs, from this test's own class path.
  static List<Path> sdkJars() {
    List<Path> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String unix = entry.replace(File.separatorChar, '/');
      boolean sdk = unix.contains("/software/amazon/") || unix.contains("/org/reactivestreams/")
          || unix.contains("/org/slf4j/slf4j-api/");
      if (sdk && entry.endsWith(".jar")
          && !NOT_SHIPPED.contains(Path.of(entry).getParent().getParent().getFileName().toString())) {
        jars.add(Path.of(entry));
      }
    }
    return jars;
  }

  static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(ZipOutputStream zip, String name, Path file) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    Files.copy(file, zip);
    zip.closeEntry();
  }
}

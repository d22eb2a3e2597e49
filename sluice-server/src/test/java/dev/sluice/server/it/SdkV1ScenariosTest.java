package dev.sluice.server.it;

import dev.sluice.server.it.sdk.SqsTestClient;
import dev.sluice.server.it.support.SdkClients;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;

/**
 * The scenarios through the AWS SDK for Java v1 {@code AmazonSQS}. The v1 SDK sends each call to
 * its queue URL's path, so this also covers requests POSTed to {@code /ACCOUNT/NAME}.
 */
@DisplayName("SQS scenarios through the AWS SDK for Java v1")
class SdkV1ScenariosTest extends MultiSdkScenarios {

  @Override
  SqsTestClient connect(URI endpoint) {
    return SdkClients.v1(endpoint);
  }
}

package dev.sluice.protocol.aws.sts;

import dev.sluice.protocol.aws.AwsError;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.AwsService;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.RequestIds;
import dev.sluice.protocol.aws.wire.Json;
import dev.sluice.protocol.aws.wire.MalformedRequestException;
import dev.sluice.protocol.aws.wire.QueryParameters;
import dev.sluice.protocol.aws.wire.XmlWriter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * AWS STS, as far as a local server needs it: GetCallerIdentity, which tools call to check their
 * credentials ({@code aws sts get-caller-identity}). Query protocol (what botocore and the SDKs
 * send) and AWS JSON ({@code X-Amz-Target: AWSSecurityTokenServiceV20110615.*}).
 *
 * <p>The identity: the configured account; its root ARN, or {@code user/PROFILE} when the request
 * was verified against a named (non-default) profile of the credentials file; the access key id as
 * UserId when the request is signed, the account id otherwise.
 */
public final class StsService implements AwsService {

  public static final String SIGNING_NAME = "sts";
  public static final String API_VERSION = "2011-06-15";
  public static final String XML_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  static final String TARGET_PREFIX = "AWSSecurityTokenServiceV20110615.";

  // STS's actions, so an unsigned request without a Version is still recognised as STS's.
  private static final Set<String> ACTIONS = Set.of(
      "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "AssumeRoot",
      "DecodeAuthorizationMessage", "GetAccessKeyInfo", "GetCallerIdentity",
      "GetDelegatedAccessToken", "GetFederationToken", "GetSessionToken", "GetWebIdentityToken");

  private final String accountId;

  public StsService(String accountId) {
    this.accountId = accountId;
  }

  @Override
  public String signingName() {
    return SIGNING_NAME;
  }

  @Override
  public boolean accepts(AwsHttpRequest request) {
    String target = request.header("x-amz-target");
    if (target != null) {
      return target.startsWith(TARGET_PREFIX);
    }
    String version = QueryParameters.find(request, "Version");
    if (version != null) {
      return version.equals(API_VERSION);
    }
    String action = QueryParameters.find(request, "Action");
    return action != null && ACTIONS.contains(action);
  }

  @Override
  public CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request, Caller caller) {
    String requestId = RequestIds.next();
    String target = request.header("x-amz-target");
    AwsHttpResponse response;
    try {
      if (target != null) {
        Json.readObject(request.body());
        String action = target.startsWith(TARGET_PREFIX)
            ? target.substring(TARGET_PREFIX.length()) : target;
        response = action.equals("GetCallerIdentity")
            ? jsonIdentity(request, requestId, caller)
            : error(request, requestId, unknownOperation(action));
      } else {
        String action = QueryParameters.of(request).get("Action");
        response = "GetCallerIdentity".equals(action)
            ? xmlIdentity(requestId, caller)
            : error(request, requestId, unknownOperation(action));
      }
    } catch (MalformedRequestException e) {
      response = error(request, requestId, e.error());
    }
    return CompletableFuture.completedFuture(response);
  }

  @Override
  public AwsHttpResponse refuse(AwsHttpRequest request, AwsError error) {
    return error(request, RequestIds.next(), error);
  }

  private String arn(Caller caller) {
    boolean namedUser = caller.verified() && caller.profileName() != null
        && !caller.profileName().equals("default");
    return "arn:aws:iam::" + accountId + ":" + (namedUser ? "user/" + caller.profileName() : "root");
  }

  private String userId(Caller caller) {
    return caller.signed() ? caller.accessKeyId() : accountId;
  }

  private AwsHttpResponse xmlIdentity(String requestId, Caller caller) {
    XmlWriter xml = new XmlWriter().startDocument("GetCallerIdentityResponse", XML_NAMESPACE)
        .start("GetCallerIdentityResult")
        .element("Arn", arn(caller))
        .element("UserId", userId(caller))
        .element("Account", accountId)
        .end()
        .start("ResponseMetadata").element("RequestId", requestId).end();
    return AwsHttpResponse.of(200, "text/xml", requestId, xml.toBytes());
  }

  private AwsHttpResponse jsonIdentity(AwsHttpRequest request, String requestId, Caller caller) {
    var body = Json.object()
        .put("UserId", userId(caller))
        .put("Account", accountId)
        .put("Arn", arn(caller));
    return AwsHttpResponse.of(200, jsonContentType(request), requestId, Json.write(body));
  }

  private static AwsError unknownOperation(String action) {
    if (action == null || action.isEmpty()) {
      return new AwsError(400, "MissingAction", AwsError.CORAL + "MissingAction",
          "The request is missing an action or a required parameter.", false);
    }
    return new AwsError(400, "InvalidAction", AwsError.CORAL + "UnknownOperationException",
        "Could not find operation " + action + " for version " + API_VERSION, false);
  }

  private static AwsHttpResponse error(AwsHttpRequest request, String requestId, AwsError error) {
    if (request.header("x-amz-target") != null) {
      var body = Json.object().put("__type", error.jsonType()).put("message", error.message());
      return AwsHttpResponse.of(
          error.status(), jsonContentType(request), requestId, Json.write(body));
    }
    XmlWriter xml = new XmlWriter().startDocument("ErrorResponse", XML_NAMESPACE)
        .start("Error")
        .element("Type", error.faultType())
        .element("Code", error.queryCode())
        .element("Message", error.message())
        .end()
        .element("RequestId", requestId);
    return AwsHttpResponse.of(error.status(), "text/xml", requestId, xml.toBytes());
  }

  // Answer in the JSON dialect the client spoke.
  private static String jsonContentType(AwsHttpRequest request) {
    String contentType = request.header("content-type");
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json-1.1")
        ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0";
  }
}

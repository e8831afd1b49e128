package dev.kiln.api.live.socket;

import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.Challenges;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.tenants.ApiKeyFilter;
import dev.kiln.api.tenants.Credential;
import dev.kiln.api.tenants.Credentials;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Authenticates a WebSocket before its upgrade, as the REST streams are: an API key in a header, or
 * a stream token as {@code ?access_token=} (what a browser's {@code WebSocket} can send). Refusals
 * are HTTP answers: 401 with a {@code WWW-Authenticate} challenge, 403 for a job the token does not
 * open (a page of an origin that may not use the API is refused before, by the origin check).
 */
@ApplicationScoped
public class SocketCredentials implements HttpUpgradeCheck {

  static final UserData.TypedKey<Credential> CREDENTIAL = new UserData.TypedKey<>("credential");

  private final Credentials credentials;

  public SocketCredentials(Credentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public Uni<CheckResult> perform(HttpUpgradeContext context) {
    HttpServerRequest request = context.httpRequest();
    String jobId = context.pathParam("id");
    return credentials
        .authenticate(
            ApiKeyFilter.presentedKey(request::getHeader), request.getParam("access_token"), true)
        .map(
            credential -> {
              credential.requireStreamOf(jobId);
              context.userData().put(CREDENTIAL, credential);
              return CheckResult.permitUpgradeSync();
            })
        .onFailure(ApiException.class)
        .recoverWithItem(failure -> refusal((ApiException) failure));
  }

  private static CheckResult refusal(ApiException failure) {
    ProblemCode code = failure.code();
    String challenge = failure.headers().get(Challenges.HEADER);
    return challenge == null
        ? CheckResult.rejectUpgradeSync(code.status())
        : CheckResult.rejectUpgradeSync(
            code.status(), Map.of(Challenges.HEADER, List.of(challenge)));
  }
}

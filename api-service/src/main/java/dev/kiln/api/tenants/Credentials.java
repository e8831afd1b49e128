package dev.kiln.api.tenants;

import dev.kiln.api.live.tokens.StreamToken;
import dev.kiln.api.live.tokens.StreamTokens;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.Challenges;
import dev.kiln.api.problems.ProblemCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Checks what a request presents, for REST and WebSocket alike: an API key in a header, or a stream
 * token (in a header or the URL's {@code access_token}) on a stream. An API key is never accepted
 * in a URL, where logs and browser histories keep it. Refusals are 401 problems with a {@code
 * WWW-Authenticate} challenge.
 */
@ApplicationScoped
public class Credentials {

  private final KeyAuthenticator keys;
  private final KeyUsageRecorder usage;
  private final StreamTokens tokens;

  public Credentials(KeyAuthenticator keys, KeyUsageRecorder usage, StreamTokens tokens) {
    this.keys = keys;
    this.usage = usage;
    this.tokens = tokens;
  }

  /**
   * @param inHeader the key or token of {@code Authorization: Bearer} or {@code X-API-Key}, or null
   * @param inUrl the {@code access_token} query parameter, or null
   * @param stream whether the request opens an event stream (the only use of a stream token)
   * @return the credential, or a failure with an {@link ApiException} (401)
   */
  public Uni<Credential> authenticate(String inHeader, String inUrl, boolean stream) {
    String presented = inHeader;
    if (presented == null && inUrl != null) {
      if (!StreamTokens.looksLikeToken(inUrl)) {
        return refused(
            "Only stream tokens are accepted in a URL (POST /v1/stream-tokens); send API keys"
                + " in the Authorization header");
      }
      presented = inUrl;
    }
    if (presented == null) {
      return Uni.createFrom()
          .failure(
              new ApiException(
                      ProblemCode.UNAUTHORIZED,
                      "Send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'")
                  .withHeader(Challenges.HEADER, Challenges.BEARER));
    }
    if (StreamTokens.looksLikeToken(presented)) {
      return stream
          ? streamToken(presented)
          : refused("A stream token opens event streams only; use an API key here");
    }
    return keys.authenticate(presented)
        .chain(
            found -> {
              if (found.isEmpty()) {
                return refused("The API key is not valid");
              }
              usage.record(found.get().keyId());
              return Uni.createFrom().item(new Credential(found.get(), null));
            });
  }

  /** A stream token holds while it has not expired and its key is active. */
  private Uni<Credential> streamToken(String presented) {
    var verified = tokens.verify(presented, Instant.now());
    if (verified.isEmpty()) {
      return refused("The stream token is not valid or has expired");
    }
    StreamToken token = verified.get();
    return keys.authenticateId(token.keyId())
        .chain(
            found ->
                found.isPresent() && found.get().tenantId().equals(token.tenantId())
                    ? Uni.createFrom().item(new Credential(found.get(), token))
                    : refused("The stream token's API key was revoked"));
  }

  private static <T> Uni<T> refused(String detail) {
    return Uni.createFrom()
        .failure(
            new ApiException(ProblemCode.UNAUTHORIZED, detail)
                .withHeader(Challenges.HEADER, Challenges.INVALID_TOKEN));
  }
}

package dev.kiln.api.tenants;

import dev.kiln.api.live.tokens.StreamToken;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;

/**
 * Who a request is: an API key of a tenant, or a stream token issued under one.
 *
 * @param streamToken the token the request presented; null when it presented the key itself
 */
public record Credential(AuthenticatedKey key, StreamToken streamToken) {

  public String tenantId() {
    return key.tenantId();
  }

  /**
   * Refuses a stream the stream token does not open (403); an API key opens every stream of its
   * tenant.
   *
   * @param jobId the job of a job stream; null for the tenant stream
   */
  public void requireStreamOf(String jobId) {
    if (streamToken != null && !streamToken.opens(jobId)) {
      throw new ApiException(
          ProblemCode.FORBIDDEN,
          "The stream token opens only the streams of job " + streamToken.jobId());
    }
  }
}

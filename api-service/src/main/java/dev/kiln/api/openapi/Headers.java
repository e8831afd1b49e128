package dev.kiln.api.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/** Reusable request and response headers: {@code #/components/headers/...}. */
final class Headers {

  static final String LOCATION = "Location";
  static final String RETRY_AFTER = "Retry-After";
  static final String RATE_LIMIT = "RateLimit";
  static final String RATE_LIMIT_POLICY = "RateLimit-Policy";
  static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  static final String IDEMPOTENCY_KEY = "IdempotencyKey";

  private Headers() {}

  static Header ref(String name) {
    return OASFactory.createHeader().ref("#/components/headers/" + name);
  }

  static Parameter idempotencyKey() {
    return OASFactory.createParameter().ref("#/components/parameters/" + IDEMPOTENCY_KEY);
  }

  static void register(Components components) {
    components.addHeader(
        LOCATION,
        header(
            "The URL of the created or accepted resource, e.g. /v1/jobs/job_...", "uri-reference"));
    components.addHeader(
        RETRY_AFTER, header("Seconds to wait before retrying (delta-seconds)", null));
    components.addHeader(
        RATE_LIMIT,
        header(
            "The remaining quota of the request's policy (IETF RateLimit header fields), e.g."
                + " \"default\";r=0;t=12",
            null));
    components.addHeader(
        RATE_LIMIT_POLICY, header("The quota policy, e.g. \"default\";q=100;w=60", null));
    components.addHeader(
        WWW_AUTHENTICATE,
        header(
            "How to authenticate (RFC 6750): Bearer realm=\"kiln\", with error=\"invalid_token\""
                + " when the API key or stream token presented was refused",
            null));
    components.addParameter(
        IDEMPOTENCY_KEY,
        OASFactory.createParameter()
            .name("Idempotency-Key")
            .in(Parameter.In.HEADER)
            .required(false)
            .description(
                "Makes the submit safe to retry: a key the account has used before answers the job"
                    + " created with it instead of a new one. 1 to 255 printable ASCII"
                    + " characters; otherwise 422 validation_failed.")
            .schema(
                OASFactory.createSchema()
                    .addType(Schema.SchemaType.STRING)
                    .maxLength(255)
                    .pattern("^[\\x20-\\x7e]+$"))
            .example("order-42-thumbnail"));
  }

  private static Header header(String description, String format) {
    Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    if (format != null) {
      schema.format(format);
    }
    return OASFactory.createHeader().description(description).schema(schema);
  }
}

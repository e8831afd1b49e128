package dev.kiln.api.support;

import static dev.kiln.api.support.Api.asTenant;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Webhook helpers for tests: registering endpoints, and signatures computed from the spec. */
public final class Webhooks {

  private Webhooks() {}

  /** Registers an endpoint for these event types; answers the created endpoint object. */
  public static JsonPath createEndpoint(String url, List<String> events) {
    String types =
        events.stream().map(t -> "\"" + t + "\"").reduce((a, b) -> a + "," + b).orElse("");
    return asTenant()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"" + url + "\", \"events\": [" + types + "]}")
        .post("/v1/webhook-endpoints")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** Creates (or rotates) the account's webhook secret; answers it. */
  public static String createAccountSecret() {
    return asTenant()
        .post("/v1/account/webhook-secret")
        .then()
        .statusCode(200)
        .extract()
        .path("secret");
  }

  /**
   * The Standard Webhooks signature, computed here from the specification and nothing of Kiln's:
   * base64 of HMAC-SHA256 keyed with the base64-decoded secret (after {@code whsec_}) over {@code
   * "{id}.{timestamp}.{body}"}.
   */
  public static String expectedSignature(String secret, String id, String timestamp, String body)
      throws Exception {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] signed =
        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(signed);
  }
}

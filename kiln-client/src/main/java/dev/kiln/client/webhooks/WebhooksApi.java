package dev.kiln.client.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.kiln.client.Page;
import dev.kiln.client.Pages;
import dev.kiln.client.http.ApiRequest;
import dev.kiln.client.http.Json;
import dev.kiln.client.http.Query;
import dev.kiln.client.http.Transport;

/**
 * The account's webhook endpoints ({@code /v1/webhook-endpoints}) and their delivery log ({@code
 * /v1/webhook-deliveries}). To verify the webhooks themselves, see {@link WebhookEvents}.
 */
public final class WebhooksApi {

  private static final TypeReference<Page<WebhookEndpoint>> ENDPOINTS = new TypeReference<>() {};
  private static final TypeReference<Page<WebhookDelivery>> DELIVERIES = new TypeReference<>() {};
  private static final String ENDPOINTS_PATH = "/v1/webhook-endpoints";

  private final Transport transport;

  public WebhooksApi(Transport transport) {
    this.transport = transport;
  }

  /** Registers an endpoint; the answer carries its {@code secret}, shown only now. */
  public WebhookEndpoint create(WebhookEndpointRequest request) {
    return transport.json(ApiRequest.post(ENDPOINTS_PATH, request), WebhookEndpoint.class);
  }

  /** One page of the account's endpoints, newest first. */
  public Page<WebhookEndpoint> list(Integer limit, String cursor) {
    return page(ENDPOINTS_PATH + new Query().add("limit", limit).add("cursor", cursor), ENDPOINTS);
  }

  /** Every endpoint, page after page. */
  public Pages<WebhookEndpoint> listAll() {
    return new Pages<>(cursor -> list(100, cursor));
  }

  /** One endpoint (without its secret). */
  public WebhookEndpoint get(String endpointId) {
    return transport.json(ApiRequest.get(endpoint(endpointId)), WebhookEndpoint.class);
  }

  /** Changes the members the request gives. */
  public WebhookEndpoint update(String endpointId, WebhookEndpointRequest change) {
    return transport.json(ApiRequest.patch(endpoint(endpointId), change), WebhookEndpoint.class);
  }

  /** Deletes an endpoint and its delivery log. */
  public void delete(String endpointId) {
    transport.send(ApiRequest.delete(endpoint(endpointId)));
  }

  /** A new secret (in the answer, shown only now); the old one keeps signing beside it for 24 h. */
  public WebhookEndpoint rotateSecret(String endpointId) {
    return transport.json(
        ApiRequest.post(endpoint(endpointId) + "/rotate-secret"), WebhookEndpoint.class);
  }

  /** Sends a {@code webhook.test} event to the endpoint; answers its delivery. */
  public WebhookDelivery test(String endpointId) {
    return transport.json(ApiRequest.post(endpoint(endpointId) + "/test"), WebhookDelivery.class);
  }

  /**
   * One page of an endpoint's deliveries, newest first.
   *
   * @param status {@code pending}, {@code succeeded}, {@code failed}, or null for all
   */
  public Page<WebhookDelivery> deliveries(
      String endpointId, String status, Integer limit, String cursor) {
    return page(
        endpoint(endpointId) + "/deliveries" + deliveryQuery(status, limit, cursor), DELIVERIES);
  }

  /** One page of a job's deliveries (to endpoints and to its own {@code webhook_url}). */
  public Page<WebhookDelivery> jobDeliveries(
      String jobId, String status, Integer limit, String cursor) {
    return page(
        "/v1/jobs/" + Query.encode(jobId) + "/deliveries" + deliveryQuery(status, limit, cursor),
        DELIVERIES);
  }

  /** One delivery with every attempt. */
  public WebhookDelivery delivery(String deliveryId) {
    return transport.json(ApiRequest.get(delivery(deliveryId, "")), WebhookDelivery.class);
  }

  /** One more attempt now, with the same {@code webhook-id}; answers the delivery. */
  public WebhookDelivery redeliver(String deliveryId) {
    return transport.json(
        ApiRequest.post(delivery(deliveryId, "/redeliver")), WebhookDelivery.class);
  }

  private <T> Page<T> page(String path, TypeReference<Page<T>> type) {
    byte[] body = transport.send(ApiRequest.get(path)).body();
    return Json.read(body, Json.MAPPER.getTypeFactory().constructType(type));
  }

  private static Query deliveryQuery(String status, Integer limit, String cursor) {
    return new Query().add("status", status).add("limit", limit).add("cursor", cursor);
  }

  private static String endpoint(String endpointId) {
    return ENDPOINTS_PATH + "/" + Query.encode(endpointId);
  }

  private static String delivery(String deliveryId, String tail) {
    return "/v1/webhook-deliveries/" + Query.encode(deliveryId) + tail;
  }
}

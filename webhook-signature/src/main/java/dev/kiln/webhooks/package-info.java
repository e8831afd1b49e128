/**
 * Signing and verification of webhooks per the Standard Webhooks specification (HMAC-SHA256 over
 * {@code id.timestamp.body}), with no dependency beyond {@code java.base}, for Kiln and its
 * receivers.
 */
package dev.kiln.webhooks;

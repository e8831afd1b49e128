package dev.kiln.client.errors;

/**
 * One invalid part of a request, from a problem's {@code errors}.
 *
 * @param field the JSON path of the offending value, such as {@code pipeline[0].width}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {}

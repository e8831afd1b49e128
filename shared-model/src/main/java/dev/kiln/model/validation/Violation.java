package dev.kiln.model.validation;

/**
 * One reason a request is invalid.
 *
 * @param field the JSON path of the offending value, e.g. {@code pipeline[1].width}
 * @param message what is wrong, in words a client developer can act on
 */
public record Violation(String field, String message) {}

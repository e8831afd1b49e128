package dev.kiln.model.jobs;

/**
 * How far a running job is.
 *
 * @param percentage 0 to 100
 * @param step the op of the step being run, e.g. {@code resize}
 * @param message a human-readable line, e.g. "Resizing"
 */
public record Progress(int percentage, String step, String message) {}

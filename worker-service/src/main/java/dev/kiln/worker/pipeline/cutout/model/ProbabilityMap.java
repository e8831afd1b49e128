package dev.kiln.worker.pipeline.cutout.model;

/** A model's answer: the probability (0..1) that each pixel belongs to the subject, row by row. */
public record ProbabilityMap(float[] values, int width, int height) {}

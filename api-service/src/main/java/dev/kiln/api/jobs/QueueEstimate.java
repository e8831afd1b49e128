package dev.kiln.api.jobs;

/**
 * Where an unfinished job stands.
 *
 * @param position 1 for the next job to start; null once it runs or when it finished
 * @param etaSeconds seconds until it is expected to finish, from the fleet's recent throughput and
 *     the recent processing time of jobs of its kind; null when finished or without data yet
 */
public record QueueEstimate(Integer position, Integer etaSeconds) {

  public static final QueueEstimate NONE = new QueueEstimate(null, null);
}

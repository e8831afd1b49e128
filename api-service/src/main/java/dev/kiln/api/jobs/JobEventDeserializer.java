package dev.kiln.api.jobs;

import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.json.JsonCodec;
import org.apache.kafka.common.serialization.Deserializer;

/** Kafka value deserializer of {@code kiln.job-events}. */
public class JobEventDeserializer implements Deserializer<JobEvent> {

  private static final JsonCodec<JobEvent> CODEC = JsonCodec.of(JobEvent.class);

  @Override
  public JobEvent deserialize(String topic, byte[] data) {
    return data == null ? null : CODEC.decode(data);
  }
}

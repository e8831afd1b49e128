package dev.kiln.worker.events;

import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.json.JsonCodec;
import org.apache.kafka.common.serialization.Serializer;

/** {@link JobEvent} to the shared JSON wire format. */
public class JobEventSerializer implements Serializer<JobEvent> {

  private static final JsonCodec<JobEvent> CODEC = JsonCodec.of(JobEvent.class);

  @Override
  public byte[] serialize(String topic, JobEvent event) {
    return event == null ? null : CODEC.encode(event);
  }
}

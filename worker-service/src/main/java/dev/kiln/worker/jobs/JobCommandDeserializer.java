package dev.kiln.worker.jobs;

import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.json.MalformedRecordException;
import io.quarkus.logging.Log;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * {@link JobCommand} from JSON. A malformed record becomes null (logged once here) and the consumer
 * acknowledges it: poison data never blocks its partition.
 */
public class JobCommandDeserializer implements Deserializer<JobCommand> {

  private static final JsonCodec<JobCommand> CODEC = JsonCodec.of(JobCommand.class);

  @Override
  public JobCommand deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return CODEC.decode(data);
    } catch (MalformedRecordException e) {
      Log.warnf("skipping a malformed job command on %s: %s", topic, e.getMessage());
      return null;
    }
  }
}

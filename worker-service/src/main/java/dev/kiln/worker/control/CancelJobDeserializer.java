package dev.kiln.worker.control;

import dev.kiln.model.jobs.CancelJob;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.json.MalformedRecordException;
import io.quarkus.logging.Log;
import org.apache.kafka.common.serialization.Deserializer;

/** {@link CancelJob} from JSON; a malformed record becomes null (logged), never an error. */
public class CancelJobDeserializer implements Deserializer<CancelJob> {

  private static final JsonCodec<CancelJob> CODEC = JsonCodec.of(CancelJob.class);

  @Override
  public CancelJob deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return CODEC.decode(data);
    } catch (MalformedRecordException e) {
      Log.warnf("skipping a malformed record on %s: %s", topic, e.getMessage());
      return null;
    }
  }
}

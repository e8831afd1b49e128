package dev.kiln.client.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.client.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StickerRequestTest {

  @Test
  void eachChangeKeepsTheOthersAndOnlySetMembersAreSent() {
    StickerRequest request =
        StickerRequest.of("med_1")
            .withSize(256)
            .withOutline(4, "#ffcc00")
            .withMethod("color")
            .withCutout(20, null)
            .withMaxBytes(50_000)
            .withMetadata(Map.of("order", 42))
            .withPriority("high")
            .withDeadlineSeconds(60);

    assertThat(new String(Json.write(request), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"input\":{\"media_id\":\"med_1\"},\"size\":256,\"outline_width\":4,"
                + "\"outline_color\":\"#ffcc00\",\"method\":\"color\",\"tolerance\":20,"
                + "\"max_bytes\":50000,\"metadata\":{\"order\":42},\"priority\":\"high\","
                + "\"deadline_seconds\":60}");
    assertThat(StickerRequest.of("med_1").withSize(128).size()).isEqualTo(128);
    assertThat(request.withSize(128).method()).isEqualTo("color");
  }
}

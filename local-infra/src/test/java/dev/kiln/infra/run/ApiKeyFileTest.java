package dev.kiln.infra.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyFileTest {

  @TempDir Path dataDir;

  @Test
  void generatesAKeyOnceAndReusesIt() throws IOException {
    Path file = dataDir.resolve("nested/api-key");

    String key = ApiKeyFile.loadOrCreate(file);

    assertThat(key).matches("kiln_sk_[A-Za-z0-9_-]{32}");
    assertThat(ApiKeyFile.loadOrCreate(file)).isEqualTo(key);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void keepsTheOperatorKeyApartFromApiKeys() throws IOException {
    String admin = ApiKeyFile.loadOrCreate(dataDir.resolve("admin-key"), ApiKeyFile.ADMIN_PREFIX);

    assertThat(admin).matches("kiln_admin_[A-Za-z0-9_-]{32}");
    assertThatThrownBy(() -> ApiKeyFile.loadOrCreate(dataDir.resolve("admin-key")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void generatesDifferentKeys() {
    assertThat(ApiKeyFile.generate()).isNotEqualTo(ApiKeyFile.generate());
  }

  @Test
  void refusesAFileThatHoldsSomethingElse() throws IOException {
    Path file = Files.writeString(dataDir.resolve("api-key"), "secret\n");

    assertThatThrownBy(() -> ApiKeyFile.loadOrCreate(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not hold a Kiln key (kiln_sk_...)");
  }
}

package dev.kiln.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where kilnctl finds Kiln and its API key: the options first, then the environment ({@code
 * KILN_URL}, {@code KILN_API_KEY}), then the config file ({@code url=}, {@code api_key=}), then the
 * local run's URL.
 *
 * @param url the API's base URL
 * @param apiKey the API key
 */
record CliConfig(String url, String apiKey) {

  static final String DEFAULT_URL = "http://localhost:8080";

  /**
   * The config file: {@code --config}, else {@code KILN_CONFIG}, else {@code
   * $XDG_CONFIG_HOME/kiln/config.properties}, else {@code ~/.config/kiln/config.properties}.
   */
  static Path file(Path option, Map<String, String> env) {
    if (option != null) {
      return option;
    }
    Optional<String> named = value(env, "KILN_CONFIG");
    if (named.isPresent()) {
      return Path.of(named.get());
    }
    Path base =
        value(env, "XDG_CONFIG_HOME")
            .map(Path::of)
            .orElseGet(() -> Path.of(System.getProperty("user.home"), ".config"));
    return base.resolve("kiln").resolve("config.properties");
  }

  /**
   * Resolves the URL and key.
   *
   * @throws Kilnctl.UsageException when no API key is given anywhere, or the file cannot be read
   */
  static CliConfig resolve(String url, String apiKey, Path file, Map<String, String> env) {
    Properties properties = read(file);
    String resolvedUrl =
        Optional.ofNullable(url)
            .or(() -> value(env, "KILN_URL"))
            .or(() -> property(properties, "url"))
            .orElse(DEFAULT_URL);
    String resolvedKey =
        Optional.ofNullable(apiKey)
            .or(() -> value(env, "KILN_API_KEY"))
            .or(() -> property(properties, "api_key"))
            .orElseThrow(
                () ->
                    new Kilnctl.UsageException(
                        "No API key: pass --api-key, set KILN_API_KEY or write api_key=... to "
                            + file));
    return new CliConfig(resolvedUrl, resolvedKey);
  }

  private static Properties read(Path file) {
    Properties properties = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new Kilnctl.UsageException("Cannot read " + file + ": " + e.getMessage());
      }
    }
    return properties;
  }

  private static Optional<String> property(Properties properties, String name) {
    return Optional.ofNullable(properties.getProperty(name))
        .map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}

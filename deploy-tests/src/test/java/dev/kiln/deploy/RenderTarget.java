package dev.kiln.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A kustomization that operators can render: the base, every overlay, and overlays/prod with each
 * component of deploy/components (through a generated kustomization under {@code target/}).
 *
 * @param name how tests name it ({@code overlays/prod+components/ingress})
 * @param dir the kustomization's directory
 * @param overlay false for the base, which is not applied on its own
 */
record RenderTarget(String name, Path dir, boolean overlay) {

  private static final Map<RenderTarget, Manifest> RENDERED = new ConcurrentHashMap<>();

  static final String DEV = "overlays/dev";
  static final String PROD = "overlays/prod";

  /** Every target, rendered once per test run. */
  static List<RenderTarget> all() {
    List<RenderTarget> targets = new ArrayList<>();
    targets.add(new RenderTarget("base", Repository.path("deploy/base"), false));
    for (Path overlay : children(Repository.path("deploy/overlays"))) {
      targets.add(new RenderTarget("overlays/" + overlay.getFileName(), overlay, true));
    }
    for (Path component : children(Repository.path("deploy/components"))) {
      String name = "components/" + component.getFileName();
      targets.add(new RenderTarget(PROD + "+" + name, withComponent(name), true));
    }
    return targets;
  }

  static List<RenderTarget> overlays() {
    return all().stream().filter(RenderTarget::overlay).toList();
  }

  static RenderTarget named(String name) {
    return all().stream()
        .filter(target -> target.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no render target " + name));
  }

  /** The rendered objects; the first call renders every target at once (a kubectl each). */
  Manifest render() {
    if (RENDERED.isEmpty()) {
      synchronized (RENDERED) {
        if (RENDERED.isEmpty()) {
          all().parallelStream()
              .forEach(
                  target -> RENDERED.put(target, Manifest.parse(Kubectl.kustomize(target.dir))));
        }
      }
    }
    return RENDERED.computeIfAbsent(this, target -> Manifest.parse(Kubectl.kustomize(target.dir)));
  }

  @Override
  public String toString() {
    return name;
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * overlays/prod plus one component, as an operator would list it under {@code components:} of
   * overlays/prod (whose namespace then applies to the component's objects too).
   */
  private static Path withComponent(String component) {
    Path build = Path.of(System.getProperty("kiln.build.directory", "target"));
    Path root = build.resolve("kustomize").resolve("prod+" + Path.of(component).getFileName());
    root = root.toAbsolutePath().normalize();
    Path deploy = Repository.path("deploy");
    String kustomization =
        String.join(
            "\n",
            "apiVersion: kustomize.config.k8s.io/v1beta1",
            "kind: Kustomization",
            "namespace: kiln",
            "resources:",
            "  - " + root.relativize(deploy.resolve(PROD)),
            "components:",
            "  - " + root.relativize(deploy.resolve(component)),
            "");
    try {
      Files.createDirectories(root);
      Files.writeString(root.resolve("kustomization.yaml"), kustomization);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }
}

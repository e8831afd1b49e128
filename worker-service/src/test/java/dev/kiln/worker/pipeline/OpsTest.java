package dev.kiln.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.worker.pipeline.cutout.BorderFloodCutout;
import dev.kiln.worker.pipeline.cutout.CutoutMethods;
import dev.kiln.worker.pipeline.ops.ResizeOp;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link Ops#all} cannot miss an op: every op class and every step type is in it. */
class OpsTest {

  private final List<Op<?>> all = Ops.all(CutoutMethods.colorOnly(new BorderFloodCutout()));

  @Test
  void listsEveryOpClassOfTheOpsPackage() throws Exception {
    List<Class<?>> listed = all.stream().<Class<?>>map(Object::getClass).toList();

    assertThat(opClasses()).isNotEmpty().allSatisfy(type -> assertThat(listed).contains(type));
  }

  @Test
  void hasAnOpForEveryStepTypeButEncode() {
    List<Class<?>> stepTypes =
        Arrays.stream(Step.class.getAnnotation(JsonSubTypes.class).value())
            .<Class<?>>map(JsonSubTypes.Type::value)
            .filter(type -> type != EncodeStep.class)
            .toList();
    List<Class<?>> covered = all.stream().<Class<?>>map(Op::stepType).toList();

    assertThat(covered).containsExactlyInAnyOrderElementsOf(stepTypes);
  }

  @Test
  void buildsARegistryWithOneOpPerStepType() {
    assertThatCode(() -> new OpRegistry(all)).doesNotThrowAnyException();
  }

  /** The concrete {@link Op} classes compiled into the main tree's ops package. */
  private static List<Class<?>> opClasses() throws IOException, URISyntaxException {
    Path folder = Path.of(ResizeOp.class.getResource("ResizeOp.class").toURI()).getParent();
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".class") && !name.contains("$"))
          .<Class<?>>map(
              name -> load(ResizeOp.class.getPackageName() + "." + name.replace(".class", "")))
          .filter(
              type ->
                  Op.class.isAssignableFrom(type)
                      && !type.isInterface()
                      && !Modifier.isAbstract(type.getModifiers()))
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}

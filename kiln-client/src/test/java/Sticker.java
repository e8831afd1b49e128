import dev.kiln.client.KilnClient;
import dev.kiln.client.jobs.Job;
import dev.kiln.client.jobs.StickerRequest;
import java.nio.file.Path;

public class Sticker {
  public static void main(String[] args) {
    KilnClient kiln =
        KilnClient.builder()
            .baseUrl("http://localhost:8080")
            .apiKey(System.getenv("KILN_API_KEY"))
            .build();
    String photo = kiln.media().upload(Path.of(args[0])).id();
    Job job = kiln.jobs().sticker(StickerRequest.of(photo));
    Job done =
        kiln.jobs().stream(job.id())
            .onProgress((percentage, step) -> System.out.printf("%3d%% %s%n", percentage, step))
            .await();
    kiln.jobs().download(done, Path.of("sticker.webp"));
  }
}

package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.insertChannel;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.kiln.model.pipeline.GrayscaleStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * {@code grayscale}: luma {@code 0.299 R + 0.587 G + 0.114 B} in every colour channel; alpha is
 * copied unchanged. The image stays 3 or 4 channels, the layout every op expects.
 */
public class GrayscaleOp implements Op<GrayscaleStep> {

  @Override
  public Class<GrayscaleStep> stepType() {
    return GrayscaleStep.class;
  }

  @Override
  public Image apply(Image image, GrayscaleStep step) {
    Mat src = image.mat();
    Mat out = new Mat();
    try (Mat grey = new Mat()) {
      if (image.hasAlpha()) {
        cvtColor(src, grey, COLOR_BGRA2GRAY);
        cvtColor(grey, out, COLOR_GRAY2BGRA);
        try (Mat alpha = Alpha.channel(src)) {
          insertChannel(alpha, out, 3);
        }
      } else {
        cvtColor(src, grey, COLOR_BGR2GRAY);
        cvtColor(grey, out, COLOR_GRAY2BGR);
      }
    }
    return image.withMat(out);
  }
}

package org.framefork.encoder.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.VideoStream;
import org.framefork.encoder.quality.QualityMetric;
import org.framefork.encoder.quality.TargetQuality;
import org.framefork.encoder.report.ByteSize;
import org.framefork.encoder.report.Note;
import org.framefork.encoder.verify.vmaf.VmafModel;
import org.framefork.encoder.verify.vmaf.VmafScaler;

/**
 * What the report says once the output is made and checked: a target-quality output larger than
 * its source, VMAF's SDR model on an HDR source, and where {@code --keep-work} kept the work folder.
 */
final class OutputNotes {
  private OutputNotes() {}

  /**
   * @param picture the pictures as encoded (depth, tone map)
   * @param scored the size the quality was scored at: the pictures after the filters
   * @param outputBytes the output file's size
   * @param keptWork the work folder, when it stays after a success; else null
   */
  static List<Note> of(JobOptions options, MediaInfo media, PictureFormat picture, FrameSize scored, long outputBytes,
      Path keptWork) {
    List<Note> notes = new ArrayList<>();
    TargetQuality target = options.targetQuality();
    if (target != null && !media.isImageSequence() && media.sizeBytes() > 0 && outputBytes > media.sizeBytes()) {
      notes.add(Note.warning(largerThanSource(target, scored, outputBytes, media.sizeBytes())));
    }
    VideoStream v = media.video();
    boolean vmaf = options.verifyQuality() || target != null && target.metric() == QualityMetric.VMAF;
    if (vmaf && v.hdr().isHdr() && picture.toneMap() == null) {
      notes.add(Note.info(VmafModel.sdrModelNote(v.hdr().format().equals("HLG") ? "HLG" : "PQ")));
    }
    if (keptWork != null) {
      notes.add(Note.info("the work folder was kept (--keep-work): " + keptWork.toAbsolutePath()));
    }
    return notes;
  }

  /**
   * Why reaching the target cost more than the source: VMAF scores a picture smaller than 1080p as
   * viewed at 1080p, scaled up, where its flaws show more (the bundled 360p sample at vmaf=93 took
   * CRF 9 to 14.9: 3.33 MiB from 2.06 MiB); any source may be encoded below the target already.
   */
  private static String largerThanSource(TargetQuality target, FrameSize scored, long outputBytes, long sourceBytes) {
    boolean upscaled = target.metric() == QualityMetric.VMAF && scored.width() < VmafScaler.WIDTH
        && scored.height() < VmafScaler.HEIGHT;
    return "the output (" + ByteSize.text(outputBytes) + ") is larger than the source (" + ByteSize.text(sourceBytes) + "): "
        + (upscaled ? "VMAF scores this " + scored.width() + "x" + scored.height() + " picture as viewed at 1080p, scaled up, "
            + "so " + target.band() + " took low CRFs"
            : target.band() + " asks for more than the source's own encode kept")
        + "; a lower target makes it smaller";
  }
}

package org.framefork.app.preview;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import org.framefork.app.Theme;
import org.framefork.app.queue.QueueEntry;
import org.framefork.app.run.JobObserver;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.EncodedPicture;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.probe.VideoStream;
import org.framefork.encoder.source.SequenceManifest;

/**
 * The first frame of the chunk a worker took last, decoded apart from the engine (the engine has no
 * hook for its own frames): a glimpse of what is being encoded, not a live view of the encoder. It
 * looks as the output will: the job's filters run on it and it is turned as a player turns the source.
 */
public final class PreviewPanel extends JPanel implements JobObserver {
  private static final int THUMB_WIDTH = 320;
  /** The share of its row's width the preview takes at most. */
  private static final double MAX_SHARE = 0.4;
  private final ChunkThumbnailer thumbnailer = new ChunkThumbnailer();
  private final Picture picture = new Picture();
  private final JLabel caption = new JLabel(" ");
  private long job;
  private Path input;
  /** The job's work folder, where an image-sequence job writes its {@link SequenceManifest}. */
  private Path workFolder;
  /** What the thumbnailer opens for {@link #input}: the file, or an image sequence's manifest. */
  private Path source;
  /** Where each chunk starts (frame number), by chunk number: the plan's, then those split off. */
  private java.util.Map<Integer, Integer> chunkStarts = new java.util.HashMap<>();
  private VideoStream video;
  private org.framefork.encoder.probe.FrameIndex frames;
  /** The job's filters, as its chunks run them: the picture is shown as the output will be. */
  private FilterChain filters = FilterChain.none();
  /** The job's video settings, as asked: their picture format may tone-map the source. */
  private EncodeSettings settings;
  /** The job's picture format settled for its source, as the engine settles it: its tone map, if any. */
  private PictureFormat format;

  public PreviewPanel() {
    super(new BorderLayout(0, 6));
    setBorder(BorderFactory.createEmptyBorder(8, 4, 8, 12));
    JLabel title = new JLabel("Preview");
    title.putClientProperty("FlatLaf.styleClass", "h4");
    title.setToolTipText("The first frame of the chunk a worker took most recently, decoded separately, filtered and turned as the output will be");
    add(title, BorderLayout.NORTH);
    add(picture, BorderLayout.CENTER);
    caption.putClientProperty("FlatLaf.style", "foreground: $Label.disabledForeground");
    caption.putClientProperty("FlatLaf.styleClass", "small");
    add(caption, BorderLayout.SOUTH);
    setPreferredSize(new Dimension(260, 180));
    setMinimumSize(new Dimension(160, 120));
  }

  public void shutdown() {
    thumbnailer.shutdown();
  }

  /**
   * Its set width, or less in a narrow window: at most {@link #MAX_SHARE} of the row it shares with
   * the workers' lanes, which need the width more (a time axis), never under its minimum.
   */
  @Override
  public Dimension getPreferredSize() {
    Dimension set = super.getPreferredSize();
    java.awt.Container row = getParent();
    if (row == null || row.getWidth() <= 0) {
      return set;
    }
    int w = Math.max(getMinimumSize().width, Math.min(set.width, (int) (row.getWidth() * MAX_SHARE)));
    return new Dimension(w, set.height);
  }

  @Override
  public void jobStarted(QueueEntry entry, JobOptions options, boolean onUiThread) {
    job++;
    input = entry.input();
    workFolder = options.workFolder();
    chunkStarts = new java.util.HashMap<>();
    video = null;
    frames = null;
    filters = FilterChain.none();
    settings = options.video();
    format = null;
    picture.image = null;
    picture.repaint();
    caption.setText(" ");
  }

  @Override
  public void jobEvent(QueueEntry entry, JobEvent event) {
    switch (event) {
      case JobEvent.JobPlanned p -> {
        chunkStarts = new java.util.HashMap<>();
        for (Chunk c : p.plan().chunks()) {
          chunkStarts.put(c.index(), c.firstFrame());
        }
        video = p.media().video();
        frames = p.media().frames();
        filters = p.filters();
        // As the engine settles it (EncodeJob): a tone map applies to a PQ source only.
        format = settings == null ? null : settings.picture().resolve(settings.codec(), video.bitDepth(),
            video.hdr().staticMetadata(), "smpte2084".equals(video.colorTransfer()));
        // A sequence is read as the engine's chunk readers read it: from the manifest the job wrote in its work folder.
        source = p.media().isImageSequence() ? workFolder.resolve(SequenceManifest.FILE_NAME) : input;
      }
      case JobEvent.ChunkSplit s -> chunkStarts.put(s.newChunk(), s.atFrame());
      case JobEvent.ChunkStarted c when c.attempt() == 1 && video != null && frames != null && chunkStarts.containsKey(c.chunk()) -> {
        int frame = chunkStarts.get(c.chunk());
        double seconds = Math.max(0, video.timeBase().seconds(frames.pts(frame)) - video.startSeconds());
        // The output's picture, scaled down into a box no larger than it: the thumbnailer gives it the
        // shape players show it in (its pixels' shape) and turns it for display.
        FrameSize out = filters.outputSize(EncodedPicture.size(video.width(), video.height()));
        int w = Math.min(THUMB_WIDTH, out.width());
        int h = Math.min(THUMB_WIDTH, out.height());
        thumbnailer.request(new ChunkThumbnailer.Request(job, input, source, video, frames, frame, seconds, c.chunk(), c.worker(), w, h,
            filters, format), this::show);
      }
      default -> {
        // other events change nothing here
      }
    }
  }

  private void show(ChunkThumbnailer.Thumbnail t) {
    if (t.request().job() != job) {
      return; // a late picture from a job that has ended
    }
    picture.image = t.image();
    picture.repaint();
    // The engine's worker number, from 0, as the lanes, the entry's log and the command line name it.
    caption.setText(String.format("chunk %d · worker %d · from %s", t.request().chunk(), t.request().worker(),
        QueueEntry.duration(t.request().seconds())));
  }

  /** The picture shown now; null before the job's first one. EDT. */
  public BufferedImage picture() {
    return picture.image;
  }

  /** The line under the picture: "chunk 2 · worker 0 · from 0:04". EDT. */
  public String caption() {
    return caption.getText();
  }

  /** The thumbnail, scaled to fit and centred. */
  private static final class Picture extends JComponent {
    BufferedImage image;

    Picture() {
      setOpaque(true);
    }

    @Override
    protected void paintComponent(Graphics g0) {
      Graphics2D g = (Graphics2D) g0.create();
      try {
        int w = getWidth();
        int h = getHeight();
        g.setColor(Theme.chartBackground());
        g.fillRect(0, 0, w, h);
        if (image == null) {
          g.setColor(Theme.dimForeground());
          String s = "no picture yet";
          g.drawString(s, (w - g.getFontMetrics().stringWidth(s)) / 2, h / 2);
          return;
        }
        double scale = Math.min(w / (double) image.getWidth(), h / (double) image.getHeight());
        int iw = (int) (image.getWidth() * scale);
        int ih = (int) (image.getHeight() * scale);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, (w - iw) / 2, (h - ih) / 2, iw, ih, null);
      } finally {
        g.dispose();
      }
    }
  }
}

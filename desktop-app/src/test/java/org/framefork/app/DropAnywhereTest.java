package org.framefork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.swing.JLabel;
import javax.swing.JTextField;
import org.framefork.app.preview.PreviewPanel;
import org.framefork.app.queue.QueueEntry;
import org.junit.jupiter.api.Test;

/**
 * A video dropped anywhere on the window is queued, as on the list: on the settings, a text field
 * among them, the workers, the preview, the line beside Start. A folder dropped on the Output folder
 * field sets the output folder; a video dropped there is queued.
 */
class DropAnywhereTest {
  @Test
  void aDropAnywhereQueuesAndTheOutputFieldTakesAFolder() throws Exception {
    Path dir = UiTestSupport.emptyFolder("drop-anywhere");
    Path elsewhere = Files.createDirectories(dir.resolve("renders"));
    try (UiTestSupport.Launched app = UiTestSupport.launch("--light")) {
      MainFrame frame = app.frame();
      String outputBefore = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "outputFolder", JTextField.class).getText());
      Map<String, Component> places = UiTestSupport.onEdt(() -> {
        Map<String, Component> m = new LinkedHashMap<>();
        m.put("the settings' Codec label", labelled(frame.settings(), "Codec"));
        m.put("the Filters field", UiTestSupport.find(frame.settings(), "filters", JTextField.class));
        m.put("the workers' summary line", UiTestSupport.find(frame.workers(), "speedup", JLabel.class));
        m.put("the preview", first(frame.getContentPane(), PreviewPanel.class));
        m.put("the line beside Start", UiTestSupport.find(frame.getContentPane(), "message", JLabel.class));
        m.put("the Output folder field", UiTestSupport.find(frame.settings(), "outputFolder", JTextField.class));
        return m;
      });
      List<Path> dropped = new ArrayList<>();
      for (Map.Entry<String, Component> place : places.entrySet()) {
        Path video = Drops.clip(dir, "on " + place.getKey() + ".mp4");
        dropped.add(video);
        assertTrue(Drops.realDropNow(place.getValue(), Drops.files(video)), "a drop on " + place.getKey());
        UiTestSupport.waitUntil("the video dropped on " + place.getKey() + " is queued", 10,
            () -> frame.queue().model().getSize() == dropped.size());
      }
      assertEquals(dropped, UiTestSupport.onEdt(() -> frame.queue().model().entries().stream().map(QueueEntry::input).toList()));
      JTextField output = UiTestSupport.onEdt(() -> UiTestSupport.find(frame.settings(), "outputFolder", JTextField.class));
      assertEquals(outputBefore, UiTestSupport.onEdt(() -> output.getText()), "a video dropped on the field is no folder");

      assertTrue(Drops.realDropNow(output, Drops.files(elsewhere)));
      UiTestSupport.waitUntil("the folder is the output folder", 10, () -> output.getText().equals(elsewhere.toString()));
      assertEquals(elsewhere, UiTestSupport.onEdt(() -> frame.settings().current().outputFolder()));
      assertEquals(dropped.size(), (int) UiTestSupport.onEdt(() -> frame.queue().model().getSize()), "the folder is not queued");
      // The tests share one preferences node: the next test's app would open with this folder.
      UiTestSupport.onEdt(() -> output.setText(outputBefore));
      assertEquals(List.of(), app.edt().violations(), "Swing touched off the EDT");
    }
  }

  private static Component labelled(Container root, String text) {
    for (Component c : root.getComponents()) {
      if (c instanceof JLabel l && text.equals(l.getText())) {
        return l;
      }
    }
    throw new AssertionError("no label " + text);
  }

  private static <T extends Component> T first(Container root, Class<T> type) {
    for (Component c : root.getComponents()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
      if (c instanceof Container k) {
        try {
          return first(k, type);
        } catch (AssertionError notHere) {
          // look on
        }
      }
    }
    throw new AssertionError("no " + type.getSimpleName());
  }
}

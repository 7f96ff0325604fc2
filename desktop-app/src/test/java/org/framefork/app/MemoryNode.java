package org.framefork.app;

import java.util.Map;
import java.util.TreeMap;
import java.util.prefs.AbstractPreferences;

/** A preferences node in memory, for tests to make slow where they need (a flush, a put). */
class MemoryNode extends AbstractPreferences {
  final Map<String, String> values = new TreeMap<>();

  MemoryNode() {
    super(null, "");
  }

  @Override
  protected void putSpi(String key, String value) {
    values.put(key, value);
  }

  @Override
  protected String getSpi(String key) {
    return values.get(key);
  }

  @Override
  protected void removeSpi(String key) {
    values.remove(key);
  }

  @Override
  protected void removeNodeSpi() {}

  @Override
  protected String[] keysSpi() {
    return values.keySet().toArray(String[]::new);
  }

  @Override
  protected String[] childrenNamesSpi() {
    return new String[0];
  }

  @Override
  protected AbstractPreferences childSpi(String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  protected void syncSpi() {}

  @Override
  protected void flushSpi() {}
}

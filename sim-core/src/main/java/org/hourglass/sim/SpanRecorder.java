package org.hourglass.sim;

/**
 * Where resources report what they were busy with: (resource, start, end, label). Later modules
 * export the spans as a Chrome/Perfetto trace and as timeline charts.
 *
 * <p>{@link #OFF} records nothing and costs nothing: callers test {@link #enabled()} before they
 * build a label, and the JIT removes the call to the empty {@link #record}.
 */
public interface SpanRecorder {
  /** A recorder that keeps nothing. */
  SpanRecorder OFF = new SpanRecorder() {
    @Override
    public boolean enabled() {
      return false;
    }

    @Override
    public int resource(String name) {
      return 0;
    }

    @Override
    public void record(int resource, long startPs, long endPs, String label) {}
  };

  /** Whether spans are kept; when false, {@link #record} does nothing. */
  boolean enabled();

  /** The id of the named resource (for example {@code gpu17/compute}), registering it on first use. */
  int resource(String name);

  /** Records that {@code resource} was busy with {@code label} from {@code startPs} to {@code endPs}. */
  void record(int resource, long startPs, long endPs, String label);
}

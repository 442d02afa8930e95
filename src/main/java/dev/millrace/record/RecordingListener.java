package dev.millrace.record;

/**
 * Told after every commit of a recording and once when it ends. Runs on the recording's writer thread, so it must
 * return quickly (a UI hands the stats to its own thread, once per pulse).
 */
@FunctionalInterface
public interface RecordingListener {

    void onProgress(RecordingStats stats);
}

package dev.millrace.compare;

/**
 * The broker's own benchmark tool, run in the same session on the same broker for the honesty check: Millrace's
 * rates are reported as a ratio of the tool's.
 *
 * @param label       the broker column it belongs to
 * @param tool        the tool's name
 * @param command     the command line that ran it
 * @param publishRate what the tool published, msg/s, or {@code null} if it could not run
 * @param consumeRate what the tool consumed, msg/s, or {@code null} if it does not measure consumption
 * @param method      how the tool's work differs from Millrace's, in a sentence
 * @param problem     why the tool did not run or its output could not be read, or {@code null}
 */
public record ReferenceResult(String label, String tool, String command, Double publishRate, Double consumeRate,
                              String method, String problem) {
}

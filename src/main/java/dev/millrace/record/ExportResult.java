package dev.millrace.record;

/**
 * What an export wrote.
 *
 * @param messages message entries written
 * @param gaps     gap markers written
 * @param bytes    bytes written
 */
public record ExportResult(long messages, long gaps, long bytes) {
}

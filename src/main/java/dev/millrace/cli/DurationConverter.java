package dev.millrace.cli;

import dev.millrace.broker.OptionValues;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Reads durations the way connection options do: 500ms, 5s, 2m, 1h or ISO-8601. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return OptionValues.parseDuration(value);
    }
}

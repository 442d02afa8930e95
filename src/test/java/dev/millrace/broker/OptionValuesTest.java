package dev.millrace.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.message.ConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionValuesTest {
    private static final List<OptionSpec> SPECS = List.of(
            OptionSpec.required("servers", OptionType.STRING, "where the broker is"),
            OptionSpec.optional("timeout", OptionType.DURATION, "5s", "connect timeout"),
            OptionSpec.optional("max", OptionType.SIZE, "1MiB", "largest message"),
            OptionSpec.optional("retries", OptionType.INTEGER, "3", "attempts"),
            OptionSpec.choice("mode", "fast", "how", "fast", "safe"),
            OptionSpec.secret("password", "the password"));

    @Test
    void defaultsApplyWhenAnOptionIsMissing() {
        OptionValues values = OptionValues.parse(SPECS, Map.of("servers", "localhost:9092"));

        assertThat(values.duration("timeout")).isEqualTo(Duration.ofSeconds(5));
        assertThat(values.size("max")).isEqualTo(1L << 20);
        assertThat(values.integer("retries")).isEqualTo(3);
        assertThat(values.has("password")).isFalse();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> OptionValues.parse(SPECS,
                Map.of("retries", "many", "mode", "slow", "colour", "blue")))
                .isInstanceOfSatisfying(ConnectionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS))
                .hasMessageContaining("unknown option 'colour'")
                .hasMessageContaining("'servers' is required")
                .hasMessageContaining("'retries' must be a whole number, got 'many'")
                .hasMessageContaining("'mode' must be one of [fast, safe], got 'slow'");
    }

    @Test
    void durationsAcceptUnitsAndIso8601() {
        assertThat(OptionValues.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(OptionValues.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(OptionValues.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void sizesAcceptBinaryUnits() {
        assertThat(OptionValues.parseSize("16MiB")).isEqualTo(16L << 20);
        assertThat(OptionValues.parseSize("64kib")).isEqualTo(64L << 10);
        assertThat(OptionValues.parseSize("123")).isEqualTo(123);
    }

    @Test
    void malformedDurationSaysWhatWouldWork() {
        assertThatThrownBy(() -> OptionValues.parseDuration("soon"))
                .hasMessageContaining("examples: 500ms, 5s, 2m, PT1M");
    }
}

package dev.millrace.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void messageRatesReadAsMessagesPerSecond() {
        assertThat(Formats.messageRate(1.84)).isEqualTo("1.8 msg/s");
        assertThat(Formats.messageRate(480)).isEqualTo("480 msg/s");
        assertThat(Formats.messageRate(123_456)).isEqualTo("123,456 msg/s");
    }

    @Test
    void adminAttributesGetThousandsSeparatorsSizesAndLocalTimesButIdsAndPortsStayAsGiven() {
        Instant stored = Instant.parse("2026-11-26T19:45:03.753929281Z");

        assertThat(Formats.attribute("max messages", "1000000")).isEqualTo("1,000,000");
        assertThat(Formats.attribute("retained bytes", "7182")).isEqualTo("7.0 KiB");
        assertThat(Formats.attribute("oldest stored at", stored.toString())).isEqualTo(Formats.dateTime(stored));
        assertThat(Formats.attribute("port", "15672")).isEqualTo("15672");
        assertThat(Formats.attribute("leader_epoch", "12345")).isEqualTo("12345");
        assertThat(Formats.attribute("instance", "screenshots-9798")).isEqualTo("screenshots-9798");
    }
}

package dev.millrace.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.app.message.CapturedMessage;
import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageFilterTest {
    private static final CapturedMessage ORDER = message("orders",
            "{\"type\": \"order\", \"total\": 42, \"customer\": {\"id\": \"c-7\"}}", "tenant", "acme");
    private static final CapturedMessage GREETING = message("greetings", "Hello, watermill!", "tenant", "initech");

    @Test
    void blankTextShowsEverything() {
        assertThat(MessageFilter.parse(MessageFilter.Mode.REGEX, "  ")).isEqualTo(MessageFilter.ALL);
    }

    @Test
    void textMatchesTopicHeadersAndPayloadIgnoringCase() {
        MessageFilter filter = MessageFilter.parse(MessageFilter.Mode.TEXT, "WATERMILL");

        assertThat(filter.matches(GREETING)).isTrue();
        assertThat(filter.matches(ORDER)).isFalse();
        assertThat(MessageFilter.parse(MessageFilter.Mode.TEXT, "initech").matches(GREETING)).isTrue();
    }

    @Test
    void regexIsFoundAnywhereInTheSearchedFields() {
        MessageFilter filter = MessageFilter.parse(MessageFilter.Mode.REGEX, "\"total\":\\s*\\d+");

        assertThat(filter.matches(ORDER)).isTrue();
        assertThat(filter.matches(GREETING)).isFalse();
    }

    @Test
    void headerFiltersByPresenceByValueOrByPattern() {
        assertThat(MessageFilter.parse(MessageFilter.Mode.HEADER, "tenant").matches(GREETING)).isTrue();
        assertThat(MessageFilter.parse(MessageFilter.Mode.HEADER, "tenant=acme").matches(GREETING)).isFalse();
        assertThat(MessageFilter.parse(MessageFilter.Mode.HEADER, "tenant=acme").matches(ORDER)).isTrue();
        assertThat(MessageFilter.parse(MessageFilter.Mode.HEADER, "tenant~^ini").matches(GREETING)).isTrue();
        assertThat(MessageFilter.parse(MessageFilter.Mode.HEADER, "region").matches(ORDER)).isFalse();
    }

    @Test
    void jsonPathMatchesWhenThePathFindsSomethingAndNeverMatchesTextPayloads() {
        assertThat(MessageFilter.parse(MessageFilter.Mode.JSON_PATH, "$.customer.id").matches(ORDER)).isTrue();
        assertThat(MessageFilter.parse(MessageFilter.Mode.JSON_PATH, "$.customer.name").matches(ORDER)).isFalse();
        assertThat(MessageFilter.parse(MessageFilter.Mode.JSON_PATH, "$[?(@.total > 40)]").matches(ORDER)).isTrue();
        assertThat(MessageFilter.parse(MessageFilter.Mode.JSON_PATH, "$[?(@.total > 50)]").matches(ORDER)).isFalse();
        assertThat(MessageFilter.parse(MessageFilter.Mode.JSON_PATH, "$.customer").matches(GREETING)).isFalse();
    }

    @Test
    void malformedExpressionsAreRejectedWithAReadableReason() {
        assertThatThrownBy(() -> MessageFilter.parse(MessageFilter.Mode.REGEX, "(unclosed"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a valid regular expression");
        assertThatThrownBy(() -> MessageFilter.parse(MessageFilter.Mode.JSON_PATH, "$.[[["))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a valid JSONPath");
    }

    private static CapturedMessage message(String topic, String payload, String... headers) {
        Message message = new Message(Message.newId(), Metadata.of(headers), payload.getBytes(StandardCharsets.UTF_8));
        return CapturedMessage.of(message, "test", topic);
    }
}

package dev.millrace.app.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.message.Message;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageFactoryTest {

    @Test
    void headersKeysAndPayloadsAreRenderedPerMessage() {
        PublishRequest request = new PublishRequest("orders", "customer-{{seq}}",
                Map.of(Message.CORRELATION_ID, "flow-{{seq}}"), PayloadMode.JSON, "{\"n\": {{seq}}}", null, 2, 0);
        MessageFactory factory = new MessageFactory(request);

        Message second = factory.create(2);

        assertThat(second.key()).isEqualTo("customer-2");
        assertThat(second.metadata().get(Message.CORRELATION_ID)).isEqualTo("flow-2");
        assertThat(new String(second.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"n\": 2}");
    }

    @Test
    void hexPayloadsAcceptSpacesColonsAndAPrefix() {
        assertThat(MessageFactory.parseHex("0x48 65:6c 6C 6f")).isEqualTo("Hello".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> MessageFactory.parseHex("abc")).hasMessageContaining("odd number of digits");
    }

    @Test
    void invalidJsonSaysWhere() {
        assertThatThrownBy(() -> MessageFactory.checkJson("{\"a\": }", 1))
                .hasMessageStartingWith("message 1 is not valid JSON at line 1, column");
    }
}

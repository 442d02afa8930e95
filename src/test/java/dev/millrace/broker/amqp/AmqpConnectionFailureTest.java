package dev.millrace.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.millrace.message.ConnectionException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How connecting fails, beyond the conformance suite's unreachable host, free port and wrong password. */
class AmqpConnectionFailureTest {

    @Test
    void portOfAnotherProtocolIsRefusedAsNotAmqp() {
        RabbitMqServer server = RabbitMqServer.shared();
        Map<String, String> options = new HashMap<>(server.options("/"));
        options.put(AmqpSettings.PORT, String.valueOf(server.managementPort()));

        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> new AmqpBrokerAdapter().connect(options));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.REFUSED);
        assertThat(failure.getMessage()).contains(String.valueOf(server.managementPort()), "wrong port");
    }

    @Test
    void invalidOptionsFailBeforeAnyConnectionIsTried() {
        ConnectionException failure = catchThrowableOfType(ConnectionException.class,
                () -> new AmqpBrokerAdapter().connect(Map.of("port", "not-a-number", "colour", "blue")));

        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.INVALID_OPTIONS);
        assertThat(failure.getMessage()).contains("'port'", "'colour'");
    }
}

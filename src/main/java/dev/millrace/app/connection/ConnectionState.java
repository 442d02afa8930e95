package dev.millrace.app.connection;

import dev.millrace.app.fx.Problem;
import dev.millrace.broker.BrokerConnection;
import java.time.Instant;

/** Where a profile's connection stands. */
public sealed interface ConnectionState {

    String label();

    record Disconnected() implements ConnectionState {
        @Override
        public String label() {
            return "disconnected";
        }
    }

    record Connecting() implements ConnectionState {
        @Override
        public String label() {
            return "connecting…";
        }
    }

    record Connected(BrokerConnection connection, Instant since) implements ConnectionState {
        @Override
        public String label() {
            return "connected";
        }
    }

    record Disconnecting() implements ConnectionState {
        @Override
        public String label() {
            return "disconnecting…";
        }
    }

    record Failed(Problem problem) implements ConnectionState {
        @Override
        public String label() {
            return "failed";
        }
    }

    ConnectionState DISCONNECTED = new Disconnected();
    ConnectionState CONNECTING = new Connecting();
    ConnectionState DISCONNECTING = new Disconnecting();
}

package dev.millrace.broker.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import dev.millrace.message.ConnectionException;
import dev.millrace.message.ConnectionException.Reason;
import dev.millrace.message.MessagingException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns amqp-client's exceptions into Millrace's, with messages a person can act on. */
final class AmqpErrors {

    private AmqpErrors() {
    }

    /** Why opening a connection failed: the address, the port, the credentials, or something else. */
    static ConnectionException connectFailed(Exception failure, AmqpSettings settings) {
        String where = settings.address();
        if (find(failure, AuthenticationFailureException.class).isPresent()) {
            return new ConnectionException(Reason.AUTHENTICATION, "RabbitMQ at " + where + " refused user '"
                    + settings.username() + "': wrong user name or password", failure);
        }
        if (find(failure, PossibleAuthenticationFailureException.class).isPresent()) {
            return new ConnectionException(Reason.AUTHENTICATION, "RabbitMQ at " + where
                    + " closed the connection during login; the credentials of user '" + settings.username()
                    + "' are probably wrong", failure);
        }
        Optional<ShutdownSignalException> closed = find(failure, ShutdownSignalException.class);
        if (closed.isPresent()) {
            int code = replyCode(closed.get());
            if (code == AMQP.NOT_ALLOWED || code == AMQP.ACCESS_REFUSED) {
                return new ConnectionException(Reason.AUTHENTICATION, "RabbitMQ at " + where + " does not let user '"
                        + settings.username() + "' in: " + replyText(closed.get())
                        + " (does the virtual host exist, and may the user use it?)", failure);
            }
            return new ConnectionException(Reason.OTHER, "RabbitMQ at " + where + " closed the connection: "
                    + replyText(closed.get()), failure);
        }
        if (find(failure, UnknownHostException.class).isPresent()) {
            return new ConnectionException(Reason.UNREACHABLE, "unknown host '" + settings.host() + "'", failure);
        }
        Optional<ConnectException> connect = find(failure, ConnectException.class);
        if (connect.isPresent() && String.valueOf(connect.get().getMessage()).toLowerCase(Locale.ROOT)
                .contains("refused")) {
            return new ConnectionException(Reason.REFUSED, "nothing accepts connections at " + where
                    + ": wrong port, or RabbitMQ is not running there", failure);
        }
        if (connect.isPresent() || find(failure, NoRouteToHostException.class).isPresent()
                || find(failure, SocketTimeoutException.class).isPresent()) {
            return new ConnectionException(Reason.UNREACHABLE, "cannot reach " + where + " within "
                    + settings.connectionTimeout().toMillis() + " ms: " + failure.getMessage(), failure);
        }
        if (find(failure, SSLException.class).isPresent()) {
            return new ConnectionException(Reason.OTHER, "the TLS handshake with " + where + " failed: "
                    + failure.getMessage() + " (is the port a TLS listener, and does the truststore hold the "
                    + "broker's certificate authority?)", failure);
        }
        if (find(failure, MalformedFrameException.class).isPresent()
                || find(failure, EOFException.class).isPresent()) {
            return new ConnectionException(Reason.REFUSED, where + " answered, but not as an AMQP 0-9-1 broker: "
                    + "wrong port?", failure);
        }
        if (find(failure, TimeoutException.class).isPresent()) {
            // Most often another service on that port, waiting for its own protocol: so the port is what to check.
            return new ConnectionException(Reason.REFUSED, where + " accepted the connection but did not answer as "
                    + "an AMQP broker within " + settings.connectionTimeout().toMillis() + " ms: wrong port, or a "
                    + "broker too busy to answer?", failure);
        }
        return new ConnectionException(Reason.OTHER, "cannot connect to RabbitMQ at " + where + ": " + failure,
                failure);
    }

    /** A failed channel operation, e.g. "declaring the queue of ...". */
    static MessagingException failed(String action, Exception failure) {
        Optional<ShutdownSignalException> closed = find(failure, ShutdownSignalException.class);
        if (closed.isEmpty()) {
            return new MessagingException(action + " failed: " + failure, failure);
        }
        ShutdownSignalException signal = closed.get();
        if (signal.isHardError() && !signal.isInitiatedByApplication()) {
            return new MessagingException(action + " failed: the connection to RabbitMQ was lost ("
                    + replyText(signal) + "); it reconnects by itself, try again", failure);
        }
        String hint = replyCode(signal) == AMQP.PRECONDITION_FAILED
                ? " (something of that name exists with other settings: match the exchange-type, durable, "
                        + "auto-delete and queue options to it, or delete it)"
                : "";
        return new MessagingException(action + " failed: " + replyText(signal) + hint, failure);
    }

    /** The AMQP reply code of a connection or channel close, or 0 when there is none. */
    static int replyCode(ShutdownSignalException signal) {
        Method reason = signal.getReason();
        if (reason instanceof AMQP.Channel.Close close) {
            return close.getReplyCode();
        }
        if (reason instanceof AMQP.Connection.Close close) {
            return close.getReplyCode();
        }
        return 0;
    }

    static String replyText(ShutdownSignalException signal) {
        Method reason = signal.getReason();
        if (reason instanceof AMQP.Channel.Close close) {
            return close.getReplyText();
        }
        if (reason instanceof AMQP.Connection.Close close) {
            return close.getReplyText();
        }
        return signal.getMessage();
    }

    /** The first exception of {@code type} in the cause chain of {@code failure}. */
    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}

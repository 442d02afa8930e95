package dev.millrace.broker;

import dev.millrace.message.Publisher;
import dev.millrace.message.Subscriber;

/** An open connection to one broker: the source of publishers, subscribers and the admin view. */
public interface BrokerConnection extends AutoCloseable {

    BrokerAdapter adapter();

    /** What this connection guarantees; may differ from the adapter's defaults when options change them. */
    default Capabilities capabilities() {
        return adapter().capabilities();
    }

    /** A new publisher on this connection; closing it does not close the connection. */
    Publisher newPublisher();

    /** A new subscriber on this connection; closing it does not close the connection. */
    Subscriber newSubscriber();

    BrokerAdmin admin();

    /** Closes every publisher and subscriber made by this connection. Idempotent. */
    @Override
    void close();
}

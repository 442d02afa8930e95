package dev.millrace.compare;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.message.Subscriber;
import dev.millrace.router.ConsumerFunction;
import dev.millrace.router.Router;
import java.util.List;

/** How a workload's {@link Topology} is built on a router: the topics producers publish to and the handlers. */
sealed interface Route permits DirectRoute, RouterHopRoute {

    static Route of(Workload workload, String runId, int consumers) {
        return switch (workload.topology()) {
            case DIRECT -> new DirectRoute(runId, workload.topics(), consumers);
            case ROUTER_HOP -> new RouterHopRoute(runId, consumers);
        };
    }

    /** Topics the producers publish to. */
    List<String> publishTopics();

    /** Topics the measuring consumers read: the last hop's. */
    List<String> measuredTopics();

    /**
     * Creates the topics, streams, queues and groups the handlers will read, before anything is published, so that
     * brokers that keep messages keep them for the groups from the first one on. Groups are joined at their
     * committed position: new, they start at the oldest message, and several members may join one at once.
     */
    void initialize(Subscriber subscriber);

    /** Adds the route's handlers; {@code measure} is what the last hop's consumers run for each message. */
    void addHandlers(Router router, BrokerConnection connection, Subscriber subscriber, ConsumerFunction measure);
}

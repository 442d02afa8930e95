package dev.millrace.record;

import dev.millrace.broker.BrokerConnection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to record.
 *
 * @param sessionName   name of the new session
 * @param connection    an open connection; the recorder makes its own subscriber on it and closes only that
 * @param profile       the profile the connection was made from (its options without secrets are kept with the
 *                      session), or an {@link ConnectionProfile#adHoc ad-hoc} one
 * @param subscriptions the topics to record
 * @param settings      buffering and batching
 * @param notes         free text kept with the session
 */
public record RecordingRequest(String sessionName, BrokerConnection connection, ConnectionProfile profile,
        List<SubscriptionSpec> subscriptions, RecorderSettings settings, String notes) {

    public RecordingRequest {
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(settings, "settings");
        subscriptions = List.copyOf(subscriptions);
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("a recording needs at least one topic");
        }
        if (profile == null) {
            profile = ConnectionProfile.adHoc(connection.adapter().id(), Map.of());
        }
        if (notes == null) {
            notes = "";
        }
    }

    /** The topics with default subscription options, an ad-hoc profile and default settings. */
    public static RecordingRequest of(String sessionName, BrokerConnection connection, String... topics) {
        return new RecordingRequest(sessionName, connection, null,
                Arrays.stream(topics).map(SubscriptionSpec::of).toList(), RecorderSettings.DEFAULTS, "");
    }

    /** These subscriptions, an ad-hoc profile and default settings. */
    public static RecordingRequest of(String sessionName, BrokerConnection connection,
            List<SubscriptionSpec> subscriptions) {
        return new RecordingRequest(sessionName, connection, null, subscriptions, RecorderSettings.DEFAULTS, "");
    }

    public RecordingRequest withProfile(ConnectionProfile newProfile) {
        return new RecordingRequest(sessionName, connection, newProfile, subscriptions, settings, notes);
    }

    public RecordingRequest withSubscriptions(List<SubscriptionSpec> newSubscriptions) {
        return new RecordingRequest(sessionName, connection, profile, newSubscriptions, settings, notes);
    }

    public RecordingRequest withSettings(RecorderSettings newSettings) {
        return new RecordingRequest(sessionName, connection, profile, subscriptions, newSettings, notes);
    }

    public RecordingRequest withNotes(String newNotes) {
        return new RecordingRequest(sessionName, connection, profile, subscriptions, settings, newNotes);
    }
}

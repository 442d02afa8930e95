package dev.millrace.app.sessions;

import dev.millrace.app.live.LiveViewModel;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.Node;

/** What recording adds to the window: a record control on each live view and the sessions view. */
public interface RecordingUi {

    /** Controls for a live view's toolbar (the record button and what it is recording). */
    List<Node> liveControls(LiveViewModel live);

    /** Starts recording what {@code live} watches, or stops it when it is recording. */
    void toggleRecording(LiveViewModel live);

    /** {@code live} was closed: stop what it records. */
    void liveClosed(LiveViewModel live);

    /** The sessions view; created once. */
    Node sessionsView();

    /** One line for the status bar, e.g. "recording 1 session · 1,204 messages", or empty. */
    ReadOnlyStringProperty statusProperty();
}

package dev.millrace.app;

import atlantafx.base.theme.Styles;
import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.app.fx.Icons;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** The first tab: what Millrace does and one click to each main action, the demo first. */
final class StartView extends ScrollPane {

    /** The actions the start page offers; the main view supplies them. */
    record Actions(Runnable runDemo, Runnable watch, Runnable publish, Runnable browse, Runnable newConnection,
                   Runnable sessions, Runnable compare) {
    }

    StartView(MainViewModel viewModel, ObservableList<ManagedConnection> connected, Actions actions) {
        getStyleClass().addAll("start-view", Styles.BG_DEFAULT);
        setFitToWidth(true);

        Label title = new Label("Millrace");
        title.getStyleClass().add(Styles.TITLE_1);
        Label subtitle = new Label("Connect to brokers, watch flows live, publish test messages, record and replay sessions.");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.setWrapText(true);

        Button runDemo = Icons.button("Run demo flow", MaterialDesignP.PLAY);
        runDemo.setId("start-run-demo");
        runDemo.getStyleClass().addAll(Styles.ACCENT, Styles.LARGE);
        runDemo.textProperty().bind(Bindings.when(viewModel.demo().runningProperty()).then("Stop demo flow")
                .otherwise("Run demo flow"));
        runDemo.disableProperty().bind(Bindings.isEmpty(connected));
        runDemo.setOnAction(event -> actions.runDemo().run());
        ComboBox<ManagedConnection> on = new ComboBox<>(connected);
        on.valueProperty().bindBidirectional(viewModel.demoConnectionProperty());
        on.setPromptText("connection");
        on.disableProperty().bind(viewModel.demo().runningProperty());
        Label onLabel = new Label("on");
        HBox demoRow = new HBox(10, runDemo, onLabel, on);
        demoRow.setAlignment(Pos.CENTER_LEFT);
        Label demoText = new Label("The talk's flow: a publisher greets incoming_topic once a second, hello_handler answers "
                + "on outgoing_topic with the correlation id kept, and a live view shows both topics. Select a message "
                + "to follow its flow.");
        demoText.setWrapText(true);
        VBox demo = card("Demo flow", MaterialDesignT.TRANSIT_CONNECTION_VARIANT, demoText, demoRow);
        demo.setId("start-demo-card");
        demo.setPrefWidth(640);

        FlowPane more = new FlowPane(16, 16,
                small("Watch topics", MaterialDesignP.PULSE, "Subscribe to one or many topics and see messages as they arrive.",
                        "Watch…", actions.watch()),
                small("Publish", MaterialDesignS.SEND, "Compose a message, with templates, headers and repeat.",
                        "Compose", actions.publish()),
                small("Browse", MaterialDesignD.DATABASE_SEARCH, "Topics, partitions, consumers and lag; peek at the latest messages.",
                        "Browse", actions.browse()),
                small("Connect a broker", MaterialDesignL.LAN_CONNECT, "Kafka, NATS, RabbitMQ or another in-memory instance.",
                        "New connection", actions.newConnection()),
                small("Sessions", MaterialDesignD.DATABASE_EXPORT, "Recorded sessions: search, export, import and replay.",
                        "Open", actions.sessions()),
                small("Compare brokers", MaterialDesignS.SCALE_BALANCE,
                        "Run one workload on several brokers: throughput, latency and features side by side.",
                        "Compare", actions.compare()));

        VBox page = new VBox(20, title, subtitle, demo, more);
        page.setPadding(new Insets(32, 40, 32, 40));
        page.setMaxWidth(1100);
        setContent(page);
    }

    private static VBox card(String heading, Ikon ikon, Node... body) {
        Label title = new Label(heading, Icons.icon(ikon, 22));
        title.getStyleClass().add(Styles.TITLE_3);
        VBox card = new VBox(12, title);
        card.getChildren().addAll(body);
        card.getStyleClass().add("start-card");
        card.setPadding(new Insets(20));
        return card;
    }

    private static VBox small(String heading, Ikon ikon, String text, String action, Runnable onAction) {
        Label body = new Label(text);
        body.setWrapText(true);
        body.getStyleClass().add(Styles.TEXT_MUTED);
        Button button = new Button(action);
        button.setOnAction(event -> onAction.run());
        VBox card = card(heading, ikon, body, button);
        card.setPrefWidth(320);
        return card;
    }
}

package dev.millrace.app.live;

import atlantafx.base.theme.Styles;
import dev.millrace.app.fx.Formats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Side;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Per-topic rates: a line chart of msg/s over the last minute (one colour per topic, named in the legend) and the
 * current msg/s, bytes/s and total per topic. The rates arrive once a second; the chart does not animate, and the
 * figure labels are kept and re-texted rather than re-created, so a sample costs one small repaint.
 */
final class RatesPane extends VBox {
    private final LineChart<Number, Number> chart;
    private final VBox figures = new VBox(2);
    private final Map<String, XYChart.Series<Number, Number>> series = new HashMap<>();
    private final Map<String, Label> figureLines = new HashMap<>();

    RatesPane(ObservableList<RateTracker.TopicRate> rates) {
        getStyleClass().add("rates-pane");
        setSpacing(4);
        setPadding(new Insets(6));
        Label title = new Label("Rates");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        NumberAxis time = new NumberAxis(-RateTracker.HISTORY, 0, 10);
        time.setLabel("seconds ago");
        time.setAutoRanging(false);
        time.setAnimated(false);
        NumberAxis perSecond = new NumberAxis();
        perSecond.setLabel("msg/s");
        perSecond.setForceZeroInRange(true);
        perSecond.setAnimated(false);
        perSecond.setMinorTickVisible(false);
        chart = new LineChart<>(time, perSecond);
        chart.setId("live-rate-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.setLegendSide(Side.TOP);
        chart.setMinHeight(120);
        chart.setPrefHeight(180);
        VBox.setVgrow(chart, Priority.ALWAYS);
        figures.setId("live-rate-figures");
        getChildren().setAll(title, chart, figures);
        rates.addListener((ListChangeListener<RateTracker.TopicRate>) change -> show(rates));
    }

    private void show(List<RateTracker.TopicRate> rates) {
        for (RateTracker.TopicRate rate : rates) {
            XYChart.Series<Number, Number> line = series.computeIfAbsent(rate.topic(), topic -> {
                XYChart.Series<Number, Number> created = new XYChart.Series<>();
                created.setName(topic);
                chart.getData().add(created);
                return created;
            });
            List<Double> recent = rate.recentMessagesPerSecond();
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(recent.size());
            for (int i = 0; i < recent.size(); i++) {
                points.add(new XYChart.Data<>(i - recent.size() + 1, recent.get(i)));
            }
            line.getData().setAll(points);
            Label figure = figureLines.computeIfAbsent(rate.topic(), topic -> {
                Label created = new Label();
                created.getStyleClass().addAll(Styles.TEXT_SMALL, "monospace");
                figures.getChildren().add(created);
                return created;
            });
            figure.setText(rate.topic() + " · " + Formats.messageRate(rate.messagesPerSecond()) + " · "
                    + Formats.byteRate(rate.bytesPerSecond()) + " · " + Formats.count(rate.totalMessages()) + " total");
        }
        // Called from the pulse's own listeners, before its CSS pass: laid out now, the axis creates its new tick
        // labels in time for that CSS pass instead of requesting another one (and a full repaint) for the next pulse.
        if (getScene() != null) {
            layout();
        }
    }
}

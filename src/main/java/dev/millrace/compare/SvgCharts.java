package dev.millrace.compare;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two charts of the HTML report as inline SVG, drawn by hand: a grouped bar chart of publish and consume
 * throughput, and latency percentile curves on a log-log scale. No script, no external file.
 */
final class SvgCharts {
    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac"};
    private static final String PUBLISH_COLOUR = PALETTE[0];
    private static final String CONSUME_COLOUR = PALETTE[1];
    private static final int WIDTH = 760;
    private static final int HEIGHT = 320;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    /** Where the curve puts its last point, {@code max}, to the right of p99.999. */
    private static final double MAX_X = 5.5;
    private static final double[] PERCENTILE_TICKS = {0, 90, 99, 99.9, 99.99, 99.999};

    private SvgCharts() {
    }

    /** Publish and consume msg/s per measured broker; empty if none was measured. */
    static String throughput(List<BrokerResult> brokers) {
        List<BrokerResult> measured = brokers.stream().filter(broker -> broker.metrics().isPresent()).toList();
        if (measured.isEmpty()) {
            return "";
        }
        double top = niceCeiling(measured.stream().map(broker -> broker.metrics().orElseThrow())
                .mapToDouble(metrics -> Math.max(metrics.publishRate(), metrics.consumeRate())).max().orElse(1));
        StringBuilder svg = open("Throughput, msg/s");
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 5; i++) {
            double value = top * i / 5;
            double y = TOP + plotHeight - plotHeight * i / 5;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#ddd"));
            svg.append(text(LEFT - 6, y + 4, "end", Formats.rate(value)));
        }
        double group = plotWidth / measured.size();
        double bar = Math.min(60, group * 0.35);
        for (int i = 0; i < measured.size(); i++) {
            BrokerResult broker = measured.get(i);
            Metrics metrics = broker.metrics().orElseThrow();
            double centre = LEFT + group * (i + 0.5);
            svg.append(bar(centre - bar - 2, bar, metrics.publishRate(), top, PUBLISH_COLOUR,
                    broker.label() + " publish"));
            svg.append(bar(centre + 2, bar, metrics.consumeRate(), top, CONSUME_COLOUR, broker.label() + " consume"));
            svg.append(text(centre, HEIGHT - BOTTOM + 20, "middle", broker.label()));
        }
        svg.append(line(LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight, "#333"));
        svg.append(legend(List.of("publish", "consume"), List.of(PUBLISH_COLOUR, CONSUME_COLOUR)));
        return svg.append("</svg>\n").toString();
    }

    /** End-to-end latency by percentile, one curve per measured broker; empty if none has latencies. */
    static String latency(List<BrokerResult> brokers) {
        List<BrokerResult> measured = brokers.stream()
                .filter(broker -> broker.metrics().map(metrics -> metrics.endToEnd().count() > 0).orElse(false))
                .toList();
        if (measured.isEmpty()) {
            return "";
        }
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (BrokerResult broker : measured) {
            for (LatencySummary.Point point : broker.metrics().orElseThrow().endToEnd().curve()) {
                lowest = Math.min(lowest, millis(point.nanos()));
                highest = Math.max(highest, millis(point.nanos()));
            }
        }
        int lowDecade = (int) Math.floor(Math.log10(lowest));
        int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(highest)));
        StringBuilder svg = open("End-to-end latency by percentile, ms (log scale)");
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        for (int decade = lowDecade; decade <= highDecade; decade++) {
            double y = TOP + plotHeight - plotHeight * (decade - lowDecade) / (highDecade - lowDecade);
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#ddd"));
            svg.append(text(LEFT - 6, y + 4, "end", decadeLabel(decade)));
        }
        for (double percentile : PERCENTILE_TICKS) {
            double x = LEFT + plotWidth * percentileX(percentile) / MAX_X;
            svg.append(line(x, TOP, x, TOP + plotHeight, "#eee"));
            svg.append(text(x, HEIGHT - BOTTOM + 20, "middle", "p" + trim(percentile)));
        }
        svg.append(text(LEFT + plotWidth, HEIGHT - BOTTOM + 20, "middle", "max"));
        List<String> labels = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            BrokerResult broker = measured.get(i);
            String colour = PALETTE[i % PALETTE.length];
            List<String> points = new ArrayList<>();
            StringBuilder dots = new StringBuilder();
            for (LatencySummary.Point point : broker.metrics().orElseThrow().endToEnd().curve()) {
                double x = LEFT + plotWidth * percentileX(point.percentile()) / MAX_X;
                double y = TOP + plotHeight - plotHeight * (Math.log10(millis(point.nanos())) - lowDecade)
                        / (highDecade - lowDecade);
                points.add(number(x) + "," + number(y));
                dots.append("<circle cx=\"").append(number(x)).append("\" cy=\"").append(number(y))
                        .append("\" r=\"2.5\" fill=\"").append(colour).append("\"><title>")
                        .append(HtmlReport.escape(broker.label() + " p" + trim(point.percentile()) + ": "
                                + Formats.millis(point.nanos())))
                        .append("</title></circle>");
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
                    .append(String.join(" ", points)).append("\"/>").append(dots).append('\n');
            labels.add(broker.label());
            colours.add(colour);
        }
        svg.append(line(LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight, "#333"));
        svg.append(legend(labels, colours));
        return svg.append("</svg>\n").toString();
    }

    /** p0 → 0, p90 → 1, p99 → 2, ... p99.999 → 5; the maximum (p100) at {@link #MAX_X}. */
    private static double percentileX(double percentile) {
        if (percentile >= 100) {
            return MAX_X;
        }
        return Math.min(5, -Math.log10(1 - percentile / 100));
    }

    private static double millis(long nanos) {
        return Math.max(1, nanos) / 1e6;
    }

    private static String decadeLabel(int decade) {
        return decade >= 0 ? String.format(Locale.ROOT, "%,.0f", Math.pow(10, decade))
                : trim(Math.pow(10, decade));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static StringBuilder open(String title) {
        return new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\"><title>")
                .append(HtmlReport.escape(title)).append("</title>\n")
                .append(text(LEFT, 20, "start", title).replace("<text ", "<text font-weight=\"bold\" "));
    }

    private static String bar(double x, double width, double value, double top, String colour, String title) {
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double height = plotHeight * value / top;
        double y = TOP + plotHeight - height;
        return "<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(width) + "\" height=\""
                + number(height) + "\" fill=\"" + colour + "\"><title>" + HtmlReport.escape(title + ": "
                + Formats.rate(value) + " msg/s") + "</title></rect>"
                + text(x + width / 2, y - 4, "middle", Formats.rate(value)).replace("<text ", "<text font-size=\"10\" ")
                + "\n";
    }

    private static String legend(List<String> labels, List<String> colours) {
        StringBuilder legend = new StringBuilder();
        double x = WIDTH - RIGHT;
        for (int i = labels.size() - 1; i >= 0; i--) {
            String label = labels.get(i);
            x -= 16 + 7 * label.length();
            legend.append("<rect x=\"").append(number(x)).append("\" y=\"12\" width=\"10\" height=\"10\" fill=\"")
                    .append(colours.get(i)).append("\"/>").append(text(x + 14, 21, "start", label));
            x -= 10;
        }
        return legend.append('\n').toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + number(x1) + "\" y1=\"" + number(y1) + "\" x2=\"" + number(x2) + "\" y2=\""
                + number(y2) + "\" stroke=\"" + colour + "\"/>\n";
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" + anchor + "\">"
                + HtmlReport.escape(content) + "</text>";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** 99.9 rather than 99.900000; 0.001 rather than 1.0E-3. */
    private static String trim(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

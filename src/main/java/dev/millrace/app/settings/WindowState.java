package dev.millrace.app.settings;

/** Where the main window was and how big, so that it opens the same way next time. */
public record WindowState(double x, double y, double width, double height, boolean maximized, double sidebarDivider) {
    public static final WindowState DEFAULT = new WindowState(Double.NaN, Double.NaN, 1400, 880, false, 0.2);
}

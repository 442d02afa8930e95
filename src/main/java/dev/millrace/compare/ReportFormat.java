package dev.millrace.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The formats a comparison report comes in, chosen by the output file's extension. */
public enum ReportFormat {
    MARKDOWN(new MarkdownReport(), "md", "markdown"),
    /** One self-contained page with inline SVG charts. */
    HTML(new HtmlReport(), "html", "htm"),
    /** One row per broker, for spreadsheets. */
    CSV(new CsvReport(), "csv");

    private final Report report;
    private final List<String> extensions;

    ReportFormat(Report report, String... extensions) {
        this.report = report;
        this.extensions = List.of(extensions);
    }

    /** The format for {@code file}'s extension, or an {@link IllegalArgumentException} naming the known ones. */
    public static ReportFormat forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        for (ReportFormat format : values()) {
            if (format.extensions.contains(extension)) {
                return format;
            }
        }
        throw new IllegalArgumentException("cannot tell the report format of '" + file.getFileName()
                + "': use a file ending in .md, .html or .csv");
    }

    public String render(ComparisonResult result) {
        return report.render(result);
    }

    /** Renders {@code result} into {@code file}, replacing it. */
    public void write(ComparisonResult result, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }
}

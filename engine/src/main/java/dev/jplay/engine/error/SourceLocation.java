package dev.jplay.engine.error;

import java.nio.file.Path;

/** A place in an input file, 1-based, as editors show it. Column 0 means "the whole line". */
public record SourceLocation(Path file, int line, int column) {

    public static SourceLocation of(Path file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        String f = file == null ? "<input>" : file.toString();
        if (line <= 0) {
            return f;
        }
        return column > 0 ? f + ":" + line + ":" + column : f + ":" + line;
    }
}

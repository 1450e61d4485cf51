package dev.jplay.engine.spi;

/**
 * Before and after of one file (or attribute set), for diff mode. Either side may be empty. The output
 * shows the headers as Ansible does: {@code --- before: HEADER} and {@code +++ after: HEADER}.
 */
public record FileDiff(String beforeHeader, String before, String afterHeader, String after) {

    public static FileDiff of(String path, String before, String after) {
        return new FileDiff(path, before == null ? "" : before, path, after == null ? "" : after);
    }
}

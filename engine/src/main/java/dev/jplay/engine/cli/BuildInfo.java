package dev.jplay.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What jplay was built from: {@code META-INF/jplay/build.properties}, written by app's build (version, git
 * commit). A classpath without it (the engine's own tests, an IDE) gives "unknown" rather than a guess.
 */
record BuildInfo(String version, String commit) {
    static final String RESOURCE = "/META-INF/jplay/build.properties";

    static BuildInfo load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new BuildInfo("unknown", "unknown");
            }
            Properties p = new Properties();
            p.load(in);
            return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

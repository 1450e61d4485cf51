package dev.jplay.modules.files;

import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.ModuleContext;

/** One file-module task's inputs, resolved after the probe: the path (perhaps adjusted), the state, the probed facts. */
record FileJob(ModuleContext ctx, String path, String state, String src, FileAttributes attrs, boolean recurse,
               boolean force, boolean follow, Timestamps times, ProbeResult probe, PathState current) {
    boolean check() {
        return ctx.checkMode();
    }
}

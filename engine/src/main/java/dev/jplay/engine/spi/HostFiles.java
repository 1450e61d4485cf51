package dev.jplay.engine.spi;

import java.util.Optional;

/**
 * Files on the task's host, through its connection and the task's become user. Every call is one
 * round trip. Writes are atomic: a temp file beside the target, created with mode 0600 from the
 * first byte, given its mode and owner, then renamed over the target; on any failure the temp file
 * is removed and the old file stays as it was.
 */
public interface HostFiles {

    /** lstat of the path, with the SHA-256 of a regular file's content. */
    FileState stat(String path) throws ModuleFailure;

    /** The file's bytes, or empty when it does not exist. */
    Optional<byte[]> read(String path) throws ModuleFailure;

    /** Replaces (or creates) the file atomically with this content and these attributes. */
    void write(String path, byte[] content, FileAttributes attributes) throws ModuleFailure;

    /** Copies the file to {@code path.YYYYMMDD-HHMMSS~} beside it, keeping attributes; returns the backup's path. */
    String backup(String path) throws ModuleFailure;

    /**
     * Sets mode, owner and group where they differ; returns true when something changed.
     * In check mode, only reports.
     */
    boolean applyAttributes(String path, FileAttributes attributes, boolean checkOnly) throws ModuleFailure;
}

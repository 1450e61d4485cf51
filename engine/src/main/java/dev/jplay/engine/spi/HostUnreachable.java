package dev.jplay.engine.spi;

/**
 * The connection to the host broke while a module was working. Unchecked so modules need not
 * handle it: the engine catches it and marks the host UNREACHABLE.
 */
public class HostUnreachable extends RuntimeException {
    public HostUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}

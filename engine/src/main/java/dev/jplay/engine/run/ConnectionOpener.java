package dev.jplay.engine.run;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;

import java.util.Map;

/** Opens the connection to a host from its variables ({@code ansible_connection}, {@code ansible_host}, ...). */
@FunctionalInterface
public interface ConnectionOpener {
    Connection open(String inventoryName, Map<String, Object> hostVars) throws ConnectionException;
}

package dev.jplay.engine.connection.ssh;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RemoteCommandTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void thePidLineIsFoundAndRemovedWhereverTheLoginShellPutIt() {
        assertEquals(4242, RemoteCommand.pid(b("__JPLAY_PID__4242\nreal error\n")));
        assertEquals("real error\n", new String(RemoteCommand.withoutPidLine(b("__JPLAY_PID__4242\nreal error\n")), StandardCharsets.UTF_8));
        // rc-file noise before it
        assertEquals("bashrc: warning\nafter ü\n",
                new String(RemoteCommand.withoutPidLine(b("bashrc: warning\n__JPLAY_PID__7\nafter ü\n")), StandardCharsets.UTF_8));
        assertEquals(-1, RemoteCommand.pid(b("__JPLAY_PID__")), "not complete yet");
        assertEquals("plain\n", new String(RemoteCommand.withoutPidLine(b("plain\n")), StandardCharsets.UTF_8));
    }

    @Test
    void theCommandLinePrintsThePidThenExecsSh() {
        assertEquals("printf '%s\\n' \"__JPLAY_PID__$$\" >&2; exec /bin/sh -c 'echo hi'", RemoteCommand.commandLine("'echo hi'"));
    }
}

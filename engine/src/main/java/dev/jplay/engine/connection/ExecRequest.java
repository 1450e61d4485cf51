package dev.jplay.engine.connection;

import java.time.Duration;
import java.util.Map;

/**
 * A shell script to run on a host, with what it needs around it.
 *
 * @param script  POSIX sh script; run with {@code sh -c}
 * @param stdin   bytes fed to the script's stdin, or an empty array
 * @param become  privilege escalation for this command ({@link Become#NONE} for none)
 * @param env     environment variables exported before the script runs
 * @param timeout how long the command may take; {@link Duration#ZERO} means no limit
 */
public record ExecRequest(String script, byte[] stdin, Become become, Map<String, String> env, Duration timeout) {

    public ExecRequest {
        // last line of defence: whatever builds the request, no key becomes shell text and no NUL is cut off silently
        if (script != null && script.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character (\\0) cannot be passed to a command on the host");
        }
        if (env != null) {
            env.forEach((k, v) -> {
                String problem = EnvironmentName.problem(k);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
                if (v != null && v.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("environment variable " + k + ": a NUL character (\\0) is not allowed in a value");
                }
            });
        }
        stdin = stdin == null ? new byte[0] : stdin;
        become = become == null ? Become.NONE : become;
        env = env == null ? Map.of() : Map.copyOf(env);
        timeout = timeout == null ? Duration.ZERO : timeout;
    }

    public static ExecRequest of(String script) {
        return new ExecRequest(script, null, null, null, null);
    }

    public ExecRequest withStdin(byte[] input) {
        return new ExecRequest(script, input, become, env, timeout);
    }

    public ExecRequest withBecome(Become b) {
        return new ExecRequest(script, stdin, b, env, timeout);
    }

    public ExecRequest withEnv(Map<String, String> e) {
        return new ExecRequest(script, stdin, become, e, timeout);
    }

    public ExecRequest withTimeout(Duration t) {
        return new ExecRequest(script, stdin, become, env, t);
    }

    @Override
    public String toString() {
        return "ExecRequest[script=" + script + ", stdin=" + stdin.length + " bytes, become=" + become + "]";
    }
}

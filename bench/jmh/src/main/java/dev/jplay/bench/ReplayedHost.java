package dev.jplay.bench;

import dev.jplay.engine.connection.Connection;
import dev.jplay.engine.connection.ConnectionException;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.LocalConnection;

import java.util.ArrayList;
import java.util.List;

/**
 * A host that answers with what a real one printed: commands first run on this machine (a temp folder,
 * through {@link LocalConnection}) and are recorded; afterwards the same commands get the recorded
 * answers, in order, without a shell. So a module's controller-side work is measured without the host.
 */
final class ReplayedHost implements Connection {
    private final LocalConnection local = new LocalConnection();
    private final List<ExecResult> recorded = new ArrayList<>();
    private boolean recording = true;
    private int next;

    /** From now on, answer from the recording (cycling: each module run asks the same questions). */
    void replay() {
        if (recorded.isEmpty()) {
            throw new IllegalStateException("nothing was recorded");
        }
        recording = false;
        next = 0;
    }

    /** Forgets the recording and records again. */
    void record() {
        recorded.clear();
        recording = true;
    }

    int recordedCommands() {
        return recorded.size();
    }

    @Override
    public ExecResult exec(ExecRequest request) throws ConnectionException {
        if (recording) {
            ExecResult r = local.exec(request);
            recorded.add(r);
            return r;
        }
        ExecResult r = recorded.get(next);
        next = (next + 1) % recorded.size();
        return r;
    }

    @Override
    public String describe() {
        return "replayed local";
    }

    @Override
    public void close() {
        local.close();
    }
}

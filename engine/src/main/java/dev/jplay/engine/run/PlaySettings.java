package dev.jplay.engine.run;

import java.util.ArrayList;
import java.util.List;

/**
 * A play's own keywords, rendered with its vars and -e and typed before anything runs.
 *
 * @param serial            the batch sizes, in order (the last repeats); empty for all hosts at once
 * @param maxFailPercentage null when not set
 */
record PlaySettings(List<BatchSize> serial, Double maxFailPercentage) {

    /** One {@code serial} entry: a number of hosts, or a share of the play's hosts. */
    sealed interface BatchSize permits Count, Share {
        int of(int hosts);
    }

    record Count(int hosts) implements BatchSize {
        @Override
        public int of(int total) {
            return Math.max(1, hosts);
        }
    }

    record Share(double percent) implements BatchSize {
        @Override
        public int of(int total) {
            return Math.max(1, (int) Math.floor(total * percent / 100.0));
        }
    }

    PlaySettings {
        serial = List.copyOf(serial);
    }

    /** The play's hosts cut into serial batches, in order. */
    <T> List<List<T>> batches(List<T> hosts) {
        if (serial.isEmpty()) {
            return List.of(hosts);
        }
        List<List<T>> out = new ArrayList<>();
        int i = 0;
        int step = 0;
        while (i < hosts.size()) {
            int size = serial.get(Math.min(step, serial.size() - 1)).of(hosts.size());
            out.add(hosts.subList(i, Math.min(hosts.size(), i + size)));
            i += size;
            step++;
        }
        return out;
    }
}

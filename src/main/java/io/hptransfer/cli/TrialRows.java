package io.hptransfer.cli;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.hptransfer.sweep.TrialListing.Row;
import io.hptransfer.util.Json;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Trial rows as an aligned table, CSV (header + one line per trial) or JSON (an array). */
final class TrialRows {
    private static final CsvMapper CSV = new CsvMapper();

    private TrialRows() {
    }

    static String format(List<Row> rows, String format) throws IOException {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "table" -> table(rows);
            case "csv" -> CSV.writer(CSV.schemaFor(Row.class).withHeader()).writeValueAsString(rows);
            case "json" -> Json.JSON.writeValueAsString(rows) + "\n";
            default -> throw new IllegalArgumentException("unknown --format '" + format + "': use table, csv or json");
        };
    }

    private static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-38s %-9s %-10s %-5s %5s %5s %8s %5s %9s %9s %9s %9s %8s%n",
                "id", "state", "param", "opt", "W", "L", "log2 lr", "seed", "steps", "loss", "test loss", "test acc", "wall s"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-38s %-9s %-10s %-5s %5d %5d %+8.3f %5d %9d %9s %9s %9s %8s%n", r.id(), r.state(),
                    r.param(), r.optimizer(), r.width(), r.depth(), r.log2Lr(), r.seed(), r.stepsDone(), num(r.loss(), "%.4f"),
                    num(r.testLoss(), "%.4f"), num(r.testAcc(), "%.4f"), num(r.wallSeconds(), "%.1f")));
        }
        return b.toString();
    }

    private static String num(Double v, String f) {
        return v == null ? "-" : String.format(Locale.ROOT, f, v);
    }
}

package io.hptransfer.limit;

import java.util.List;

/** What one limit check measured: its curves, its PASS/FAIL lines, and any table lines printed after them. */
public record CheckResult(String id, String title, List<Series> series, List<Verdict> verdicts, List<String> notes) {

    public CheckResult(String id, String title, List<Series> series, List<Verdict> verdicts) {
        this(id, title, series, verdicts, List.of());
    }

    public boolean pass() {
        return verdicts.stream().allMatch(Verdict::pass);
    }

    public String summary() {
        StringBuilder b = new StringBuilder(id.toUpperCase() + "  " + title + ": " + (pass() ? "PASS" : "FAIL") + "\n");
        verdicts.forEach(v -> b.append(v).append('\n'));
        notes.forEach(n -> b.append(n).append('\n'));
        return b.toString();
    }

    public String csv() {
        StringBuilder b = new StringBuilder("check,series,x_name,x,y_name,y\n");
        for (Series s : series)
            for (int i = 0; i < s.x().length; i++)
                b.append(id).append(',').append(s.name()).append(',').append(s.xLabel()).append(',').append(s.x()[i]).append(',')
                        .append(s.yLabel()).append(',').append(s.y()[i]).append('\n');
        return b.toString();
    }
}

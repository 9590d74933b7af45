package io.hptransfer.cli;

import io.hptransfer.sweep.TrialListing;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/** A study folder to read and which of its trials, shared by `hpt trials` and `hpt best`. */
final class StudyOptions {
    @Parameters(index = "0", description = "input: a sweep folder (sweeps/<name>) or a bare sweep name")
    String study;
    @Option(names = "--sweeps", defaultValue = "sweeps", description = "input: the folder holding sweep folders, for a bare name")
    Path sweeps;
    @Option(names = "--param", description = "only this parameterization (sp, mup, mup-depth, completep)")
    String param;
    @Option(names = "--opt", description = "only this optimizer (sgd or adam)")
    String opt;
    @Option(names = "--width", description = "only this width")
    Integer width;
    @Option(names = "--depth", description = "only this depth")
    Integer depth;
    @Option(names = "--metric", description = "trainLoss or testLoss (default: the spec's metric)")
    String metric;
    @Option(names = "--format", defaultValue = "table", description = "table, csv or json")
    String format;

    Path folder() {
        return folder(study, sweeps);
    }

    /** A bare name is looked up in the sweeps folder; a path is taken as it is (sweeps/x must not become sweeps/sweeps/x). */
    static Path folder(String study, Path sweeps) {
        Path dir = Path.of(study);
        return !Files.isDirectory(dir) && dir.getNameCount() == 1 && !dir.isAbsolute() ? sweeps.resolve(study) : dir;
    }

    /** The study's trials the filters keep ({@code state}: null = any). */
    java.util.List<TrialListing.Row> rows(TrialListing.State state) throws java.io.IOException {
        return TrialListing.of(folder(), metric == null ? null : io.hptransfer.sweep.Metric.parse(metric)).stream()
                .filter(filter(state)).toList();
    }

    TrialListing.Filter filter(TrialListing.State state) {
        return new TrialListing.Filter(param, opt, width, depth, state);
    }
}

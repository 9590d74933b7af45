package io.hptransfer.cli;

import io.hptransfer.data.Cifar10Reader;
import io.hptransfer.data.FashionMnist;
import io.hptransfer.data.FashionMnistSubset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Fetch or prepare datasets.",
        subcommands = {DatasetsCommand.Download.class, DatasetsCommand.Subset.class})
public final class DatasetsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Bare `hpt datasets`: its usage (as `hpt datasets`), and a usage exit. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return Hpt.EXIT_USAGE;
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download a dataset (cifar10) from its official URL; offline, says where to put the file.")
    static final class Download implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "cifar10") String name;
        @Option(names = "--dir", defaultValue = "datasets/cifar10", description = "output folder for the CIFAR-10 binary files") Path dir;

        @Override
        public Integer call() throws Exception {
            if (!"cifar10".equals(name)) {
                throw new IllegalArgumentException("unknown dataset '" + name + "': only cifar10 downloads; Fashion-MNIST is bundled "
                        + "(full set: apt-get install dataset-fashion-mnist)");
            }
            Files.createDirectories(dir);
            Path target = dir.resolve(Cifar10Reader.ARCHIVE);
            Path part = dir.resolve(Cifar10Reader.ARCHIVE + ".part");
            try {
                HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                        .followRedirects(HttpClient.Redirect.NORMAL).build();
                HttpResponse<InputStream> r = c.send(HttpRequest.newBuilder(URI.create(Cifar10Reader.URL)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) throw new java.io.IOException("HTTP " + r.statusCode());
                try (InputStream in = r.body()) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException | InterruptedException e) {
                Files.deleteIfExists(part);
                System.err.println("error: cannot download " + Cifar10Reader.URL + " (" + e + "). Offline: copy "
                        + Cifar10Reader.ARCHIVE + " (MD5 " + Cifar10Reader.ARCHIVE_MD5 + ") to " + target.toAbsolutePath());
                return Hpt.EXIT_ERROR;
            }
            Cifar10Reader.load(dir); // verifies MD5 and record layout
            System.out.println("cifar10 ready in " + dir);
            return 0;
        }
    }

    @Command(name = "subset", mixinStandardHelpOptions = true,
            description = "Rebuild the bundled class-balanced Fashion-MNIST subset from the full set (deterministic).")
    static final class Subset implements Callable<Integer> {
        @Option(names = "--from", defaultValue = "/usr/share/datasets/fashion-mnist", description = "input folder: the full Fashion-MNIST IDX files") Path from;
        @Option(names = "--to", defaultValue = "datasets/fashion-mnist", description = "output folder of the class-balanced subset") Path to;
        @Option(names = "--train-per-class", defaultValue = "1000", description = "training images kept per class") int train;
        @Option(names = "--test-per-class", defaultValue = "200", description = "test images kept per class") int test;

        @Override
        public Integer call() throws Exception {
            FashionMnistSubset.write(from, to, train, test);
            FashionMnist.load(to);
            System.out.println("wrote " + to + " (" + 10 * train + " train / " + 10 * test + " test)");
            return 0;
        }
    }
}

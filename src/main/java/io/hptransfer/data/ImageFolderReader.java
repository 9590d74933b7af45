package io.hptransfer.data;

import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.recordreader.ImageRecordReader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * ImageNet-style folders: root/train/&lt;class&gt;/*.jpg|png and root/test (or root/val)/&lt;class&gt;/...,
 * decoded once by DataVec's ImageRecordReader and resized to resolution x resolution RGB.
 */
public final class ImageFolderReader {
    private ImageFolderReader() {
    }

    public static TrainTest load(Path root, int resolution) {
        if (resolution < 8 || resolution > 512) {
            throw new DataException("image resolution " + resolution + " is impossible here: use 32 or 64");
        }
        Path train = root.resolve("train");
        Path test = Files.isDirectory(root.resolve("test")) ? root.resolve("test") : root.resolve("val");
        if (!Files.isDirectory(train) || !Files.isDirectory(test)) {
            throw new DataException("image folder " + root + " needs train/<class>/ and test/<class>/ (or val/) subfolders");
        }
        List<String> classes = classes(train);
        if (classes.size() < 2) throw new DataException(train + " has " + classes.size() + " class folders: need at least 2");
        return new TrainTest(read("imagefolder-train", train, classes, resolution),
                read("imagefolder-test", test, classes, resolution));
    }

    private static List<String> classes(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new DataException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** OpenCV decodes to BGR planes; CIFAR and everything downstream use RGB. */
    private static float[] bgrToRgb(float[] bgr) {
        int plane = bgr.length / 3;
        float[] rgb = new float[bgr.length];
        for (int c = 0; c < 3; c++) System.arraycopy(bgr, (2 - c) * plane, rgb, c * plane, plane);
        return rgb;
    }

    private static ImageDataset read(String name, Path dir, List<String> classes, int res) {
        List<String> here = classes(dir);
        if (!classes.containsAll(here)) {
            throw new DataException(dir + " has class folders " + here + " not all in train's " + classes);
        }
        try (ImageRecordReader rr = new ImageRecordReader(res, res, 3, new ParentPathLabelGenerator())) {
            rr.initialize(new FileSplit(dir.toFile(), NativeImageLoader.ALLOWED_FORMATS));
            List<String> readerLabels = rr.getLabels();
            List<float[]> images = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            while (rr.hasNext()) {
                List<Writable> rec = rr.next();
                INDArray img = ((NDArrayWritable) rec.get(0)).get();
                images.add(bgrToRgb(img.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).div(255f).reshape(-1).toFloatVector()));
                labels.add(classes.indexOf(readerLabels.get(rec.get(1).toInt())));
            }
            if (images.isEmpty()) throw new DataException(dir + " contains no readable images (jpg, png, bmp...)");
            int px = 3 * res * res;
            float[] all = new float[images.size() * px];
            for (int i = 0; i < images.size(); i++) System.arraycopy(images.get(i), 0, all, i * px, px);
            return new ImageDataset(name, Nd4j.create(all, new long[]{images.size(), px}, 'c'),
                    labels.stream().mapToInt(Integer::intValue).toArray(), 3, res, res, classes.size());
        } catch (IOException e) {
            throw new DataException("cannot read images under " + dir + ": " + e.getMessage(), e);
        }
    }
}

